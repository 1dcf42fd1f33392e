import { reportLimits } from '@finops/contracts';
import type { OrgsRepository } from '../orgs/orgs.repository';
import type { PriceBook } from '../pricing/price-book';
import type { SpendRow } from '../spend/spend-query';
import type { SpendRepository } from '../spend/spend.repository';
import { ReportsService } from './reports.service';

const row = (agentId: string): SpendRow => ({
  group: { agentId },
  bucketStart: new Date('2026-11-02T00:00:00Z'),
  spendUsd: '0.01',
  traceCount: 1,
  inputTokens: 1,
  outputTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  unsplitTokens: 0,
  unpricedTraceCount: 0,
  unpricedTokens: 0,
});

function serviceReturning(rows: SpendRow[]) {
  const query = jest.fn(async () => rows);
  const service = new ReportsService({ query } as unknown as SpendRepository, {} as PriceBook, {} as OrgsRepository, () => new Date('2026-11-29T12:00:00Z'));
  return { service, query };
}

describe('ReportsService', () => {
  test('when a report would have more lines than the limit, then it is refused (400) instead of being built', async () => {
    const { service, query } = serviceReturning(Array.from({ length: reportLimits.maxRows + 1 }, (_, i) => row(`agent-${i}`)));

    await expect(service.chargeback('org', { groupBy: ['agentId'] })).rejects.toMatchObject({
      status: 400,
      invalidParams: [expect.objectContaining({ name: 'to', reason: expect.stringMatching(/more than 100000 lines/) })],
    });
    expect(query).toHaveBeenCalledWith('org', expect.objectContaining({ limit: reportLimits.maxRows + 1 }));
  });

  test('when the limit is not reached, then the report is built from the spend rows over whole UTC days', async () => {
    const { service, query } = serviceReturning([row('a'), row('b')]);

    const report = await service.chargeback('org', { groupBy: ['agentId'], granularity: 'week' });

    expect(report.rows).toHaveLength(2);
    expect(query).toHaveBeenCalledWith('org', {
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-30T00:00:00Z'),
      groupBy: ['agentId'],
      filters: {},
      bucket: 'week',
      limit: reportLimits.maxRows + 1,
    });
  });
});
