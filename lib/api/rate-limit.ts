/**
 * A per-client request limit: at most `max` requests in each `windowSeconds`
 * window, counted per client address. The table of clients is bounded, so a
 * flood of distinct addresses cannot grow it without end.
 */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Window = { startedAt: number; count: number };

export class ClientRateLimit {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly max: number,
    private readonly windowSeconds: number,
    private readonly maxClients = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  take(client: string): LimitDecision {
    const now = this.now();
    const windowMs = this.windowSeconds * 1000;
    let window = this.windows.get(client);
    if (!window || now - window.startedAt >= windowMs) {
      this.windows.delete(client);
      this.makeRoom(now, windowMs);
      window = { startedAt: now, count: 0 };
      // Insertion order is start order: the oldest windows come first.
      this.windows.set(client, window);
    }
    if (window.count >= this.max) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000)) };
    }
    window.count++;
    return { allowed: true };
  }

  /** Drops expired windows, then the oldest ones if the table is still full. */
  private makeRoom(now: number, windowMs: number): void {
    for (const [client, window] of this.windows) {
      if (now - window.startedAt < windowMs && this.windows.size < this.maxClients) break;
      this.windows.delete(client);
    }
  }
}
