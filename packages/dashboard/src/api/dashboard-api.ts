import type { ChargebackReport, Problem } from '@finops/contracts';
import type { CostForecast, DashboardBudgetStatus } from './api-types';
import { downloadFilename, reportPath, type ReportParams } from './report-query';

/** An answer other than 2xx, with the problem details the gateway sent (RFC 9457). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
  ) {
    super(`${status} ${title}${detail ? `: ${detail}` : ''}`);
  }
}

/** The gateway could not be reached at all (down, restarting, offline). */
export class NetworkError extends Error {}

/**
 * The public API, called from the page with the pasted key in the Authorization header only: never in a URL (where
 * it would land in logs and history) and never written to the console.
 */
export class DashboardApi {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string = '',
  ) {}

  report(params: ReportParams): Promise<ChargebackReport> {
    return this.json<ChargebackReport>(reportPath(params));
  }

  budgetStatus(): Promise<{ asOf: string; budgets: DashboardBudgetStatus[] }> {
    return this.json('/api/v1/cost/budgets/status');
  }

  /** The month-end forecast of the whole org; null when this gateway has no forecast endpoint (404). */
  async forecast(): Promise<CostForecast | null> {
    try {
      return await this.json<CostForecast>('/api/v1/cost/forecast?includeSeries=true');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  /** A CSV or FOCUS export as a file, fetched with the key in the header, then handed to the browser as a blob. */
  async download(params: ReportParams & { format: 'csv' | 'focus' }): Promise<{ blob: Blob; filename: string }> {
    const response = await this.send(reportPath(params), 'text/csv');
    const fallback = params.format === 'focus' ? `focus-${params.range.from}-${params.range.to}.csv` : `chargeback-${params.groupBy}-${params.range.from}-${params.range.to}.csv`;
    return { blob: await response.blob(), filename: downloadFilename(response.headers.get('Content-Disposition'), fallback) };
  }

  private async json<T>(path: string): Promise<T> {
    return (await (await this.send(path, 'application/json')).json()) as T;
  }

  private async send(path: string, accept: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { headers: { Authorization: `Bearer ${this.apiKey}`, Accept: accept }, cache: 'no-store' });
    } catch {
      throw new NetworkError('The gateway did not answer');
    }
    if (response.ok) return response;
    const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
    throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail);
  }
}
