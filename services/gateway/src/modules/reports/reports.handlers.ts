import type { ReportQuerySchema } from '@finops/contracts';
import type { ValidatedHandler } from '@finops/http-kit';
import type { Response } from 'express';
import { principalOf } from '../auth/principal';
import { chargebackCsv, chargebackFilename } from './chargeback-csv';
import { focusCsv, focusFilename } from './focus-export';
import type { ReportsService } from './reports.service';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

function sendCsv(res: Response, csv: string, filename: string): void {
  res.setHeader('Content-Type', CSV_CONTENT_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(csv);
}

export function reportsHandlers(service: ReportsService) {
  const report: ValidatedHandler<{ query: typeof ReportQuerySchema }> = async (req, res) => {
    const orgId = principalOf(req).orgId;
    // An explicit format wins; otherwise `Accept: text/csv` asks for the CSV.
    const format = req.query.format ?? (req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json');
    res.setHeader('Vary', 'Accept');
    // Spend figures change with every ingested trace and are the org's financial data: never cache them.
    res.setHeader('Cache-Control', 'private, no-store');
    if (format === 'focus') {
      const { range, rows } = await service.focus(orgId, req.query);
      sendCsv(res, focusCsv(rows), focusFilename(range));
      return;
    }
    const body = await service.chargeback(orgId, req.query);
    if (format === 'csv') sendCsv(res, chargebackCsv(body), chargebackFilename(body));
    else res.json(body);
  };
  return { report };
}
