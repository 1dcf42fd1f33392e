import { spendDimensions, reportLimits, type ChargebackReport, type ReportQuery } from '@finops/contracts';
import { normalizeModelId } from '@finops/pricing';
import { InvalidFieldError, NotFoundError } from '../../errors';
import type { OrgsRepository } from '../orgs/orgs.repository';
import type { PriceBook } from '../pricing/price-book';
import type { SpendQuery, SpendRow } from '../spend/spend-query';
import type { SpendRepository } from '../spend/spend.repository';
import { buildChargebackReport, type ChargebackRequest, type ReportFilters, type UnpricedModel } from './chargeback-report';
import { toFocusRows, type FocusRow } from './focus-export';
import { rangeInstants, resolveRange, type DateRange } from './report-period';

const DEFAULT_GROUP_BY = ['costCenter'] as const;

/** Exact-match filters from the query; `untagged` dimensions become null (spend without that tag). */
function filtersOf(query: ReportQuery): ReportFilters {
  const filters: ReportFilters = {};
  for (const dimension of spendDimensions) {
    const value = query[dimension];
    if (value === undefined) continue;
    // Ingest trims agent ids and stores model ids lower-case; tags are kept exactly as sent.
    filters[dimension] = dimension === 'modelId' ? normalizeModelId(value) : dimension === 'agentId' ? value.trim() : value;
  }
  for (const dimension of query.untagged ?? []) filters[dimension] = null;
  return filters;
}

export class ReportsService {
  constructor(
    private readonly spend: SpendRepository,
    private readonly priceBook: PriceBook,
    private readonly orgs: OrgsRepository,
    private readonly now: () => Date,
  ) {}

  /** Spend by group (and period) with the unattributed line, the unpriced traces and attribution coverage. */
  async chargeback(orgId: string, query: ReportQuery): Promise<ChargebackReport> {
    const granularity = query.granularity ?? 'total';
    const request: ChargebackRequest = {
      range: resolveRange(query, this.now()),
      groupBy: query.groupBy ?? [...DEFAULT_GROUP_BY],
      granularity,
      filters: filtersOf(query),
    };
    const rows = await this.boundedQuery(orgId, request.range, {
      groupBy: request.groupBy,
      filters: request.filters,
      ...(granularity === 'total' ? {} : { bucket: granularity }),
    });
    const unpriced = rows.some((row) => row.unpricedTraceCount > 0) ? await this.unpricedByModel(orgId, request.range, request.filters) : [];
    return buildChargebackReport(request, rows, unpriced);
  }

  /** FOCUS rows: one per day x agent x model x tag set x pricing source, from the daily rollup. */
  async focus(orgId: string, query: ReportQuery): Promise<{ range: DateRange; rows: FocusRow[] }> {
    const range = resolveRange(query, this.now());
    const [spendRows, org, prices, listPrices] = await Promise.all([
      this.boundedQuery(orgId, range, { groupBy: [...spendDimensions], filters: filtersOf(query), bucket: 'day', bySource: true }),
      this.orgs.findById(orgId),
      this.priceBook.forOrg(orgId),
      this.priceBook.listPrices(),
    ]);
    if (!org) throw new NotFoundError('The org');
    return { range, rows: toFocusRows(spendRows, { billingAccount: { id: org.id, name: org.name }, prices, listPrices }) };
  }

  /** Refuses (400) a report with more lines than the documented limit rather than building it in memory. */
  private async boundedQuery(orgId: string, range: DateRange, query: Omit<SpendQuery, 'from' | 'to' | 'limit'>): Promise<SpendRow[]> {
    const rows = await this.spend.query(orgId, { ...rangeInstants(range), ...query, limit: reportLimits.maxRows + 1 });
    if (rows.length > reportLimits.maxRows) {
      throw new InvalidFieldError(
        'to',
        `the report would have more than ${reportLimits.maxRows} lines; shorten the range, use a coarser granularity, group by fewer dimensions or filter`,
        'query',
      );
    }
    return rows;
  }

  private async unpricedByModel(orgId: string, range: DateRange, filters: ReportFilters): Promise<UnpricedModel[]> {
    const rows = await this.spend.query(orgId, { ...rangeInstants(range), groupBy: ['modelId'], filters });
    return rows
      .filter((row) => row.unpricedTraceCount > 0)
      .map((row) => ({ modelId: row.group.modelId!, traceCount: row.unpricedTraceCount, tokens: row.unpricedTokens }));
  }
}
