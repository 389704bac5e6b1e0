/**
 * The wire messages of rest-live's WebSocket protocol (docs/protocol.md), v1 and v2, as the client sends
 * and reads them. Only the fields the client uses are typed; servers may add others.
 */

/** The subprotocol a client asks for to speak v2; a v1 server ignores it. */
export const SUBPROTOCOL_V2 = 'rest-live.v2';

/** The close code of an edge that ends a connection for its token (expired, or anonymous on a private endpoint). */
export const CLOSE_UNAUTHORIZED = 4003;

/** The close reason that goes with {@link CLOSE_UNAUTHORIZED} when the connection's token expired. */
export const TOKEN_EXPIRED_REASON = 'token expired';

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The id the client gives a subscription; echoed verbatim by the server. */
export type SubscriptionId = number;

/** What a broadcast says happened to an instance in the subscription's view. */
export type BroadcastAction = 'CREATED' | 'UPDATED' | 'DELETED';

/** `subscribe`, with v2's `snapshot` and `resume`. */
export interface SubscribeMessage {
  type: 'subscribe';
  id: SubscriptionId;
  model: string;
  action: 'list' | 'retrieve';
  lookup_by?: Json;
  view_kwargs?: { [key: string]: Json };
  query_params?: { [key: string]: Json };
  snapshot?: boolean;
  resume?: string;
}

export interface UnsubscribeMessage {
  type: 'unsubscribe';
  id: SubscriptionId;
}

export interface AuthMessage {
  type: 'auth';
  token: string;
}

export type ClientMessage = SubscribeMessage | UnsubscribeMessage | AuthMessage;

export interface BroadcastFrame {
  type: 'broadcast';
  id: SubscriptionId;
  model: string;
  action: BroadcastAction;
  instance: Record<string, unknown>;
  /** v2: the entity's revision. */
  version?: number;
  /** v2: what to resume from after this frame. */
  position?: string;
}

export interface SnapshotFrame {
  type: 'snapshot';
  id: SubscriptionId;
  model: string;
  items: { instance: Record<string, unknown>; version?: number }[];
  last: boolean;
}

export interface SubscribedFrame {
  type: 'subscribed';
  id: SubscriptionId;
  position?: string;
}

export interface ResetFrame {
  type: 'reset';
  id: SubscriptionId;
  reason?: string;
}

export interface UnsubscribedFrame {
  type: 'unsubscribed';
  id: SubscriptionId;
}

export interface RevokedFrame {
  type: 'revoked';
  id: SubscriptionId;
  code: number;
  message: string;
}

export interface ErrorFrame {
  type: 'error';
  id: SubscriptionId | null;
  code: number;
  message: string;
}

export interface AuthenticatedFrame {
  type: 'authenticated';
  expires_at: number | null;
}

export interface TokenExpiringFrame {
  type: 'token_expiring';
  expires_at: number;
}

export interface ExpiredFrame {
  type: 'expired';
}

/** The frames that concern one subscription, by its id. */
export type SubscriptionFrame =
  | BroadcastFrame
  | SnapshotFrame
  | SubscribedFrame
  | ResetFrame
  | UnsubscribedFrame
  | RevokedFrame
  | ErrorFrame;

export type ServerFrame = SubscriptionFrame | AuthenticatedFrame | TokenExpiringFrame | ExpiredFrame;

/** Parses one text frame; undefined when it is not a JSON object with a string `type`. */
export function parseFrame(text: string): ServerFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
    return undefined;
  }
  return value as ServerFrame;
}
