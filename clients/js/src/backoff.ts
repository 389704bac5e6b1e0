/**
 * Reconnect delays: exponential, capped, with jitter. Each delay is drawn from [cap/2, cap] where cap is
 * `initialDelayMs * factor^attempt` bounded by `maxDelayMs` ("equal jitter"): the random half spreads the
 * clients an edge restart disconnected at once, so they do not all come back in the same millisecond; the
 * fixed half keeps a client from retrying at once, in a loop, against a server that refuses it.
 */
export interface BackoffOptions {
  /** The cap of the first delay. Default 500 ms. */
  initialDelayMs?: number;
  /** The largest delay. Default 30 s. */
  maxDelayMs?: number;
  /** How much the cap grows per failed attempt. Default 2. */
  factor?: number;
  /** A uniform random number in [0, 1); injectable for tests. Default `Math.random`. */
  random?: () => number;
}

export class Backoff {
  private attempt = 0;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly factor: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.factor = options.factor ?? 2;
    this.random = options.random ?? Math.random;
    if (!(this.initialDelayMs >= 0) || !(this.maxDelayMs >= this.initialDelayMs) || !(this.factor >= 1)) {
      throw new RangeError('backoff: need 0 <= initialDelayMs <= maxDelayMs and factor >= 1');
    }
  }

  /** The delay before the next attempt; each call counts one more failed attempt. */
  next(): number {
    const cap = Math.min(this.maxDelayMs, this.initialDelayMs * Math.pow(this.factor, this.attempt));
    this.attempt++;
    return Math.round(cap / 2 + this.random() * (cap / 2));
  }

  /** Failed attempts since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** Starts over from the first delay, after a connection that worked. */
  reset(): void {
    this.attempt = 0;
  }
}
