import type { RememberedPolicy } from './guard-policy';

/**
 * The policies this gateway last read for each org, for deciding when the database cannot answer (fail modes). A
 * check re-reads them, in its own round trip, once the entry is older than `refreshAfterMs` or after a change made
 * through this gateway; an entry is used at any age while the database is down (it is the last thing known). A
 * change made through another gateway is seen here within `refreshAfterMs` plus the next check.
 */
export class GuardPolicyMemory {
  private readonly entries = new Map<string, { policies: RememberedPolicy[]; readAtMs: number }>();

  constructor(
    private readonly refreshAfterMs: number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  policiesOf(orgId: string): RememberedPolicy[] | undefined {
    return this.entries.get(orgId)?.policies;
  }

  needsRefresh(orgId: string): boolean {
    const entry = this.entries.get(orgId);
    return !entry || this.nowMs() - entry.readAtMs >= this.refreshAfterMs;
  }

  remember(orgId: string, policies: RememberedPolicy[]): void {
    this.entries.set(orgId, { policies, readAtMs: this.nowMs() });
  }

  /** After a change through this gateway: the next check re-reads, and until then the old list stays usable. */
  markStale(orgId: string): void {
    const entry = this.entries.get(orgId);
    if (entry) entry.readAtMs = -Infinity;
  }
}
