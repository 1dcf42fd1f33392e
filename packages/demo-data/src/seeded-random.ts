/**
 * A small seeded pseudo-random source (mulberry32), so the demo dataset is the same on every run and machine.
 * Seeded per date: a day's traces depend only on the seed and that date, never on when the generator runs.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: string) {
    this.state = fnv1a(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Multiplicative noise around 1: uniform in [1 - spread, 1 + spread]. */
  jitter(spread: number): number {
    return 1 - spread + 2 * spread * this.next();
  }

  /** One item, drawn with the given weights (need not add up to 1). */
  pick<T>(items: readonly { item: T; weight: number }[]): T {
    const total = items.reduce((sum, entry) => sum + entry.weight, 0);
    let draw = this.next() * total;
    for (const entry of items) {
      draw -= entry.weight;
      if (draw < 0) return entry.item;
    }
    return items[items.length - 1]!.item;
  }
}

/** FNV-1a, 32 bits: spreads similar seeds ("…-2026-11-01", "…-2026-11-02") far apart. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
