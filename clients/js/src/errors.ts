import type { SubscriptionId } from './protocol.js';

/**
 * An error the server reported (an `error` or `revoked` frame: `code` and the server's message), or one the
 * client met (no `code`): a refused token provider, a server that does not speak the asked protocol.
 */
export class RestLiveError extends Error {
  /** The protocol's error code (400, 403, 404, 409, 413, 429, 503, 401) or close code (4003), if any. */
  readonly code?: number;
  /** The subscription it concerns; null for the connection. */
  readonly id: SubscriptionId | null;

  constructor(message: string, code?: number, id: SubscriptionId | null = null) {
    super(message);
    this.name = 'RestLiveError';
    this.code = code;
    this.id = id;
  }
}
