/**
 * At most `limit` calls per key in any window of `windowMs`: a sliding log,
 * exact and small (a site makes a few calls per round). Protects the
 * coordinator from an agent stuck in a reconnect loop or a stolen key.
 */
export class CallRateLimit {
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Records a call at `now` and says whether it is within the limit; refused calls are not recorded. */
  allow(key: string, now: number): boolean {
    const recent = (this.calls.get(key) ?? []).filter((at) => at > now - this.windowMs);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.calls.set(key, recent);
    return allowed;
  }
}
