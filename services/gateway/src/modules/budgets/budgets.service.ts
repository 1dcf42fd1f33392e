import { randomUUID } from 'node:crypto';
import type { BudgetAlertEventsQuery, CreateBudget, UpdateBudget } from '@finops/contracts';
import { normalizeModelId } from '@finops/pricing';
import { ConflictError, InvalidFieldError, NotFoundError } from '../../errors';
import type { BudgetAlertEvent, BudgetCap, BudgetForecast } from './budget';
import type { BudgetForecasts } from './budget-forecasts';
import { canonicalFraction } from './budget-alert-level';
import type { BudgetEvaluation, BudgetEvaluator } from './budget-evaluator';
import { periodContaining } from '../../calendar/calendar-period';
import type { BudgetCapPatch, BudgetsRepository } from './budgets.repository';

export interface BudgetEventPage {
  events: BudgetAlertEvent[];
  nextCursor: string | null;
}

export class BudgetsService {
  constructor(
    private readonly repository: BudgetsRepository,
    private readonly evaluator: BudgetEvaluator,
    private readonly forecasts: BudgetForecasts,
    private readonly now: () => Date,
  ) {}

  /**
   * Creates a cap, `ok` in its current period until the evaluation that follows (in this call) finds spend already
   * past a threshold; that change is recorded as an event like any other.
   */
  async create(orgId: string, input: CreateBudget): Promise<BudgetCap> {
    // Traces store model ids lower-case, so a cap on "GPT-4o" must match them.
    const value = input.value === undefined ? null : input.dimension === 'modelId' ? normalizeModelId(input.value) : input.value;
    const createdAt = this.now();
    const result = await this.repository.create(
      orgId,
      {
        id: randomUUID(),
        name: input.name ?? null,
        dimension: input.dimension,
        value,
        limitUsd: input.limitUsd,
        periodType: input.periodType,
        timezone: input.timezone,
        warnAt: input.warnAt.map(canonicalFraction),
      },
      { period: periodContaining(input.periodType, input.timezone, createdAt), level: { state: 'ok', threshold: null }, spentUsd: '0', since: createdAt },
    );
    if ('existingId' in result) {
      const scope = value === null ? 'the org’s whole spend' : `${input.dimension} "${value}"`;
      throw new ConflictError(
        `A ${input.periodType} budget for ${scope} already exists (id ${result.existingId}); change it with PATCH instead`,
      );
    }
    await this.evaluator.evaluate(orgId, 'cap_changed', [result.id]);
    return result;
  }

  list(orgId: string): Promise<BudgetCap[]> {
    return this.repository.list(orgId);
  }

  async get(orgId: string, id: string): Promise<BudgetCap> {
    const cap = await this.repository.find(orgId, id);
    if (!cap) throw new NotFoundError(`Budget ${id}`);
    return cap;
  }

  /** Changes take effect at once: the cap is evaluated again before this returns. */
  async update(orgId: string, id: string, patch: UpdateBudget): Promise<BudgetCap> {
    const changes: BudgetCapPatch = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.limitUsd !== undefined ? { limitUsd: patch.limitUsd } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      ...(patch.warnAt !== undefined ? { warnAt: patch.warnAt.map(canonicalFraction) } : {}),
    };
    const cap = await this.repository.update(orgId, id, changes);
    if (!cap) throw new NotFoundError(`Budget ${id}`);
    await this.evaluator.evaluate(orgId, 'cap_changed', [id]);
    return cap;
  }

  async delete(orgId: string, id: string): Promise<void> {
    if (!(await this.repository.delete(orgId, id))) throw new NotFoundError(`Budget ${id}`);
  }

  /**
   * Every cap's standing now, with forecasts for the monthly caps; reading it also records any state change it
   * reveals (e.g. a period rollover).
   */
  async status(orgId: string): Promise<BudgetEvaluation & { forecasts: Map<string, BudgetForecast> }> {
    const evaluation = await this.evaluator.evaluate(orgId, 'spend');
    return { ...evaluation, forecasts: await this.forecasts.forMonthlyCaps(orgId, evaluation.budgets) };
  }

  async events(orgId: string, query: BudgetAlertEventsQuery): Promise<BudgetEventPage> {
    const events = await this.repository.events(orgId, {
      limit: query.limit + 1,
      ...(query.budgetId ? { budgetId: query.budgetId } : {}),
      ...(query.cursor ? { before: decodeCursor(query.cursor) } : {}),
    });
    const page = events.slice(0, query.limit);
    const last = page[page.length - 1];
    return { events: page, nextCursor: events.length > query.limit && last ? encodeCursor(last) : null };
  }
}

function encodeCursor(event: BudgetAlertEvent): string {
  return Buffer.from(`${event.occurredAt.getTime()}.${event.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const match = /^(\d{1,15})\.([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new InvalidFieldError('cursor', 'must be a nextCursor value from an earlier page', 'query');
  return { occurredAt: new Date(Number(match[1])), id: match[2]! };
}
