/**
 * The spend-counting lock of an org: a transaction-scoped advisory lock that every ingest transaction holds shared
 * for each org it writes, taken before its insert statement, and that the guard holds exclusively while it
 * initialises a counter from the spend already stored (guard-counters.repository.ts).
 *
 * Why: a counter created mid-period starts from a spend total, and later traces are added to it by the ingest
 * statement itself. An ingest whose statement began before the counter existed neither sees the counter nor is
 * seen by the total if it commits after the total was read; the lock closes that gap exactly. The initialiser
 * waits for the ingests in flight (their traces are then in the total) and ingests that start meanwhile wait for it
 * (their statement then sees the counter). Shared holders never block each other, so ingest pays one lock-table
 * entry per org and transaction, in the round trip it already makes.
 *
 * The two-int form keeps these keys apart from one-bigint advisory locks (Prisma's migration lock); orgs whose
 * hashes collide only wait for each other during an initialisation.
 */
const SPEND_COUNTING_LOCK_CLASS = 0x6775_6172; // "guar"

/** SQL that takes the org's spend-counting lock; `orgIdSql` is an expression or parameter yielding the org id as text. */
export function spendCountingLockSql(orgIdSql: string, mode: 'shared' | 'exclusive'): string {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  return `${fn}(${SPEND_COUNTING_LOCK_CLASS}, hashtext(${orgIdSql}))`;
}
