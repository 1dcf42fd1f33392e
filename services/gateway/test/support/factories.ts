import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Express } from 'express';
import { CreatedOrgSchema, type TraceIngest } from '@finops/contracts';
import { createTestGateway, TEST_ADMIN_TOKEN, type TestGateway } from './test-gateway';
import type { GatewaySettings } from '../../src/app';

export interface TestOrg {
  orgId: string;
  apiKey: string;
  auth: { Authorization: string };
}

/** A new org with its first key, created through the admin API like a real operator would. */
export async function createOrg(app: Express, name = `org-${randomUUID()}`): Promise<TestOrg> {
  const response = await request(app).post('/api/v1/admin/orgs').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).send({ name });
  if (response.status !== 201) throw new Error(`could not create org: ${response.status} ${JSON.stringify(response.body)}`);
  const created = CreatedOrgSchema.parse(response.body);
  return { orgId: created.org.id, apiKey: created.apiKey.key, auth: { Authorization: `Bearer ${created.apiKey.key}` } };
}

/** The product docs' example body, with a unique agent id unless given. */
export function docsExampleTrace(overrides: Partial<TraceIngest> = {}): TraceIngest {
  return {
    agentId: `agt_${randomUUID()}`,
    input: 'Summarise Q2 revenue figures',
    output: '...',
    costCenter: 'finance',
    project: 'q2-reporting',
    team: 'data-analytics',
    tokensUsed: 1840,
    modelId: 'claude-sonnet-4-6',
    ...overrides,
  };
}

/**
 * Registers the usual hooks: one gateway for the file, a fresh org (with its key) before every test.
 * Read `.gateway` and `.org` inside tests, not at module load.
 */
export function useGatewayWithFreshOrg(overrides: Partial<GatewaySettings> = {}): { gateway: TestGateway; org: TestOrg } {
  const context = {} as { gateway: TestGateway; org: TestOrg };
  beforeAll(() => {
    context.gateway = createTestGateway(overrides);
  });
  beforeEach(async () => {
    context.org = await createOrg(context.gateway.app);
  });
  afterAll(() => context.gateway.close());
  return context;
}

/**
 * As useGatewayWithFreshOrg, with the app also listening on a loopback port, for clients in processes of their own
 * (the OpenTelemetry SDK's exporters); `otlpUrl` is its POST /v1/traces.
 */
export function useListeningGatewayWithFreshOrg(): { gateway: TestGateway; org: TestOrg; otlpUrl: string } {
  const context = {} as { gateway: TestGateway; org: TestOrg; otlpUrl: string };
  let server: Server;
  beforeAll(async () => {
    context.gateway = createTestGateway();
    server = context.gateway.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    context.otlpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  });
  beforeEach(async () => {
    context.org = await createOrg(context.gateway.app);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await context.gateway.close();
  });
  return context;
}
