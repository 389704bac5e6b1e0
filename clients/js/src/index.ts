/**
 * @rest-live/client: live subscriptions to rest-live views over WebSocket (protocol v2, with v1 fallback).
 * The React hook is in the `@rest-live/client/react` entry point, so this one never imports React.
 */
export { connect, RestLiveClient } from './client.js';
export type { ClientEvents, ClientStatus, ConnectOptions, ProtocolChoice, TokenSource } from './client.js';
export { Subscription } from './subscription.js';
export type {
  ChangeEvent, ProtocolVersion, SubscribeSpec, SubscriptionEvents, SubscriptionState,
} from './subscription.js';
export { LiveCollection } from './collection.js';
export type { Instance, Key, KeySpec } from './collection.js';
export { liveStore } from './store.js';
export type { LiveSnapshot, LiveStore } from './store.js';
export { Backoff } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { RestLiveError } from './errors.js';
export { SUBPROTOCOL_V2 } from './protocol.js';
export type { Json, SubscriptionId } from './protocol.js';
export type { SocketLike, WebSocketConstructor } from './socket.js';
