import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestGateway, type TestGateway } from '../support/test-gateway';

describe('dashboard files', () => {
  let built: string;
  let gateway: TestGateway;

  beforeAll(async () => {
    built = await mkdtemp(join(tmpdir(), 'finops-dashboard-'));
    await mkdir(join(built, 'assets'));
    await writeFile(join(built, 'index.html'), '<!doctype html><title>AI FinOps dashboard</title>');
    await writeFile(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
    gateway = createTestGateway({ dashboardDir: built });
  });

  afterAll(async () => {
    await gateway.close();
    await rm(built, { recursive: true, force: true });
  });

  test('when / is opened, then it redirects to the dashboard', async () => {
    const response = await request(gateway.app).get('/');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/dashboard/');
  });

  test('when the dashboard is opened, then its page is served revalidated, under a policy that allows only this origin', async () => {
    const response = await request(gateway.app).get('/dashboard/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('AI FinOps dashboard');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  test('when a hashed asset is fetched, then it may be cached for good', async () => {
    const response = await request(gateway.app).get('/dashboard/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('when /dashboard is opened without the slash, then it redirects to /dashboard/ (relative asset paths need it)', async () => {
    const response = await request(gateway.app).get('/dashboard');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/dashboard/');
  });

  test('when a file that does not exist is asked for, then the answer is the usual problem 404', async () => {
    const response = await request(gateway.app).get('/dashboard/assets/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('dashboard not built', () => {
  let gateway: TestGateway;

  beforeAll(() => {
    gateway = createTestGateway({ dashboardDir: join(tmpdir(), 'finops-dashboard-never-built') });
  });

  afterAll(() => gateway.close());

  test('when the dashboard is opened before it was built, then a page says how to build it, and the API still works', async () => {
    const page = await request(gateway.app).get('/dashboard/');
    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('npm run build');
    expect((await request(gateway.app).get('/healthz')).status).toBe(200);
    expect((await request(gateway.app).get('/api/v1/openapi.json')).status).toBe(200);
  });
});
