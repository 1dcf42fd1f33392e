import { ChargebackReportSchema, ReportQuerySchema, reportLimits, z } from '@finops/contracts';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { FOCUS_COLUMNS } from './focus-export';
import { reportsHandlers } from './reports.handlers';
import type { ReportsService } from './reports.service';

const csvText = (description: string) => z.string().openapi({ description });

const description = [
  'Spend for whole UTC days `from`..`to` (both inclusive), grouped by `groupBy` and, with a `granularity`, by period',
  '(weeks start on Monday). Rows carry a value for every grouped dimension; spend lacking any of them is the separate',
  '`unattributed` line, so rows + unattributed = `totalUsd` exactly. Money is a decimal string; `spendUsdRounded` (and',
  'the CSV `spendUsd`) are to the cent with remainders allocated by largest remainder so the lines add up to the',
  `rounded total. Shares are decimal strings with ${reportLimits.shareDecimalPlaces} places adding up to 1. A trace is in`,
  'the report as soon as its ingest was acknowledged.',
  '',
  '**CSV** (`format=csv` or `Accept: text/csv`): RFC 4180, UTF-8, header row; columns `line` (attributed | unattributed |',
  'total), the grouped dimensions, `periodFrom`/`periodTo` with a granularity, `spendUsd` (2 decimals), `spendUsdExact`,',
  '`shareOfTotal` and the counts. Cells starting with = + - @ tab or CR get a leading `\'` (CSV injection).',
  '',
  `**FOCUS** (\`format=focus\`): FinOps FOCUS 1.2 CSV, one row per day x agent x model x tag set x pricing source, columns ${FOCUS_COLUMNS.join(', ')}. \`groupBy\` and \`granularity\` do not apply.`,
  '',
  `Limits: at most ${reportLimits.maxRangeDays} days; at most ${reportLimits.maxRows} lines (400 beyond).`,
].join('\n');

export function reportsRoutes(service: ReportsService): Endpoint[] {
  const handlers = reportsHandlers(service);
  return [
    endpoint({
      tag: 'Reports',
      access: 'read',
      method: 'get',
      path: '/cost/report',
      summary: 'Chargeback report: spend by cost center, project, team, agent or model, as JSON, CSV or FOCUS',
      description,
      request: { query: ReportQuerySchema },
      responses: {
        200: {
          description: 'The report',
          content: {
            'application/json': { schema: ChargebackReportSchema },
            'text/csv': { schema: csvText('Chargeback CSV (format=csv or Accept: text/csv), or FOCUS CSV (format=focus); sent as an attachment') },
          },
        },
      },
      handler: handlers.report,
    }),
  ];
}
