import { downloadFilename, reportPath } from './report-query';

describe('report requests', () => {
  test('when a report is asked for, then the path carries only the report parameters (never a key)', () => {
    expect(reportPath({ groupBy: 'team', range: { from: '2026-11-01', to: '2026-11-29' }, granularity: 'day' })).toBe('/api/v1/cost/report?groupBy=team&from=2026-11-01&to=2026-11-29&granularity=day');
    expect(reportPath({ groupBy: 'costCenter', range: { from: '2026-11-01', to: '2026-11-29' }, format: 'focus' })).toBe('/api/v1/cost/report?groupBy=costCenter&from=2026-11-01&to=2026-11-29&format=focus');
  });

  test('when the gateway names the file, then that name is used; anything path-like falls back to ours', () => {
    expect(downloadFilename('attachment; filename="chargeback-team-2026-11-01-2026-11-29.csv"', 'x.csv')).toBe('chargeback-team-2026-11-01-2026-11-29.csv');
    expect(downloadFilename('attachment; filename="../../evil.sh"', 'x.csv')).toBe('x.csv');
    expect(downloadFilename(null, 'x.csv')).toBe('x.csv');
  });
});
