import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '../../../..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { build?: { target: string }; environment?: Record<string, string>; ports?: string[]; healthcheck?: { test: unknown }; depends_on?: Record<string, { condition: string }>; command?: unknown }>;
};
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  test('when read, then it runs postgres, a one-shot migrate step, the forecaster and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['forecaster', 'gateway', 'migrate', 'postgres']);
  });

  test('when built, then every service target exists in the Dockerfile', () => {
    for (const name of ['migrate', 'forecaster', 'gateway']) {
      const target = compose.services[name]!.build!.target;
      expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${target}$`, 'm'));
    }
  });

  test('when started, then the gateway waits for migrations and a healthy forecaster, and reaches it by its service name', () => {
    const gateway = compose.services.gateway!;
    expect(gateway.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' }, forecaster: { condition: 'service_healthy' } });
    expect(gateway.environment!.FORECASTER_URL).toBe(`http://forecaster:${compose.services.forecaster!.environment!.PORT}`);
    expect(gateway.environment!.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(gateway.ports).toEqual(['3000:3000']);
    expect(compose.services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  test('when running, then postgres, forecaster and gateway have healthchecks on their readiness', () => {
    expect(JSON.stringify(compose.services.postgres!.healthcheck!.test)).toContain('pg_isready');
    expect(JSON.stringify(compose.services.forecaster!.healthcheck!.test)).toContain(':3001/readyz');
    expect(JSON.stringify(compose.services.gateway!.healthcheck!.test)).toContain(':3000/readyz');
  });

  test('when migrating in Docker, then Prisma’s own engine applies the migrations (prisma migrate deploy)', () => {
    expect(dockerfile).toMatch(/AS migrate[\s\S]*prisma migrate deploy/);
  });

  const dockerCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
  (dockerCompose.status === 0 ? test : test.skip)('when validated by docker-compose, then the file is accepted', () => {
    expect(() => execFileSync('docker-compose', ['-f', join(root, 'docker-compose.yml'), 'config', '-q'], { stdio: 'pipe' })).not.toThrow();
  });
});
