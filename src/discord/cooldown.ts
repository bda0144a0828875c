/**
 * A per-user rate limit: at most `limit` commands in any `windowMs`. Memory is bounded: a user's
 * entry holds at most `limit` timestamps and is dropped once they are all out of the window.
 */
export class Cooldown {
  private readonly uses = new Map<string, number[]>();

  constructor(
    readonly limit = 5,
    readonly windowMs = 10_000,
  ) {}

  /** Counts a use by `user` at `now`, or says how long to wait (ms) when the user is over the limit. */
  take(user: string, now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const recent = (this.uses.get(user) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.uses.set(user, recent);
      return { ok: false, retryAfterMs: this.windowMs - (now - (recent[0] ?? now)) };
    }
    recent.push(now);
    this.uses.set(user, recent);
    if (this.uses.size > 10_000) this.prune(now);
    return { ok: true };
  }

  /** Drops users with no use inside the window. */
  prune(now: number): void {
    for (const [user, times] of this.uses)
      if (times.every((t) => now - t >= this.windowMs)) this.uses.delete(user);
  }

  /** How many users are tracked (for tests of the memory bound). */
  get size(): number {
    return this.uses.size;
  }
}
