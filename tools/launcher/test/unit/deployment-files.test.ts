import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '../../../..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    {
      build?: { target: string };
      environment?: Record<string, string>;
      ports?: string[];
      healthcheck?: { test: unknown };
      depends_on?: Record<string, { condition: string }> | string[];
      command?: unknown;
      entrypoint?: string[];
      profiles?: string[];
      volumes?: string[];
    }
  >;
};
const prometheus = parse(readFileSync(join(root, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
  scrape_configs: { job_name: string; authorization?: { credentials_file: string }; static_configs: { targets: string[] }[] }[];
};
const grafanaDatasources = parse(readFileSync(join(root, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as { datasources: { uid: string; url: string }[] };
const dashboard = JSON.parse(readFileSync(join(root, 'deploy/grafana/finops-dashboard.json'), 'utf8')) as {
  panels: { datasource: { uid: string }; targets: { expr: string }[] }[];
};
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  test('when read, then it runs postgres, a one-shot migrate step, the forecaster and the gateway; prometheus and grafana only in the observability profile', () => {
    const always = Object.entries(compose.services).filter(([, service]) => !service.profiles);
    expect(always.map(([name]) => name).sort()).toEqual(['forecaster', 'gateway', 'migrate', 'postgres']);
    expect(compose.services.prometheus!.profiles).toEqual(['observability']);
    expect(compose.services.grafana!.profiles).toEqual(['observability']);
  });

  test('when observed, then Prometheus scrapes both services by service name and port with the token both services are given', () => {
    const targets = Object.fromEntries(prometheus.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((each) => each.targets)]));
    expect(targets).toEqual({
      gateway: [`gateway:${compose.services.gateway!.environment!.PORT}`],
      forecaster: [`forecaster:${compose.services.forecaster!.environment!.PORT}`],
    });
    for (const name of ['gateway', 'forecaster', 'prometheus']) expect(compose.services[name]!.environment!.METRICS_TOKEN).toBe('${METRICS_TOKEN:-}');
    const tokenFiles = new Set(prometheus.scrape_configs.map((job) => job.authorization?.credentials_file));
    expect(tokenFiles.size).toBe(1);
    expect(compose.services.prometheus!.entrypoint!.join(' ')).toContain(`> ${[...tokenFiles][0]}`);
    expect(compose.services.prometheus!.volumes).toContain('./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
  });

  test('when Grafana starts, then it provisions the Prometheus data source the dashboard panels name, and the dashboard', () => {
    expect(grafanaDatasources.datasources.map((source) => source.url)).toEqual(['http://prometheus:9090']);
    const uids = new Set(dashboard.panels.map((panel) => panel.datasource.uid));
    expect([...uids]).toEqual([grafanaDatasources.datasources[0]!.uid]);
    expect(compose.services.grafana!.volumes).toEqual(
      expect.arrayContaining(['./deploy/grafana/provisioning:/etc/grafana/provisioning:ro', './deploy/grafana/finops-dashboard.json:/var/lib/grafana/dashboards/finops-dashboard.json:ro']),
    );
  });

  test('when a panel selects a job, then it is one of the scrape jobs', () => {
    const jobs = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => [...target.expr.matchAll(/job="([^"]+)"/g)].map((match) => match[1])));
    expect(jobs.length).toBeGreaterThan(0);
    expect(new Set(jobs)).toEqual(new Set(prometheus.scrape_configs.map((job) => job.job_name)));
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
