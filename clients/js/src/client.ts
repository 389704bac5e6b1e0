import { Backoff } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import type { Instance } from './collection.js';
import { Emitter } from './emitter.js';
import { RestLiveError } from './errors.js';
import {
  CLOSE_UNAUTHORIZED, SUBPROTOCOL_V2, TOKEN_EXPIRED_REASON, parseFrame,
} from './protocol.js';
import type { ClientMessage, SubscriptionFrame, SubscriptionId } from './protocol.js';
import { OPEN, socketUrl, webSocketConstructor } from './socket.js';
import type { SocketLike, WebSocketConstructor } from './socket.js';
import { Subscription } from './subscription.js';
import type { ProtocolVersion, SubscribeSpec, SubscriptionHost } from './subscription.js';

/**
 * Which protocol to speak: `v2` requires it (a server that does not answer with the `rest-live.v2`
 * subprotocol is an error), `v1` never asks for it, `auto` asks and falls back to v1 when the server does not
 * answer with it.
 */
export type ProtocolChoice = 'v2' | 'v1' | 'auto';

/** A JWT, or a function that returns a fresh one (called on each connect and when the edge warns of expiry). */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

export interface ConnectOptions {
  /** The edge's endpoint, e.g. `ws://127.0.0.1:8080/ws/subscribe/`, or a path on the page's host. */
  url: string;
  token?: TokenSource;
  /** The WebSocket constructor; default the global one (browsers, Node 22). On Node 20 pass `ws`'s. */
  WebSocket?: WebSocketConstructor;
  /** Default `auto`. */
  protocol?: ProtocolChoice;
  /** Reconnect delays (also used between retries of a subscribe the server refused with 429 or 503). */
  backoff?: BackoffOptions;
  /** A connection that stayed open this long starts the next reconnect from the first delay. Default 5 s. */
  stableAfterMs?: number;
}

/** `connecting`: the first connection; `open`; `reconnecting`: waiting or trying again; `closed`: for good. */
export type ClientStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ClientEvents {
  /** A connection opened, speaking `protocol`. */
  open: { protocol: ProtocolVersion };
  /** A connection closed; `reconnectInMs` is set when the client will try again. */
  close: { code: number; reason: string; reconnectInMs?: number };
  /** A connection-level error: the server's (id null) or the client's. */
  error: RestLiveError;
  /** The edge accepted a refreshed token. */
  authenticated: { expiresAt: number | null };
  /** The edge warns that the token expires soon; with a token function the client refreshes it by itself. */
  tokenExpiring: { expiresAt: number };
  /** The connection's token expired; with a token function the client reconnects with a fresh one. */
  expired: Record<string, never>;
  status: ClientStatus;
}

/** Opens a client: it connects at once and keeps reconnecting until {@link RestLiveClient.close}. */
export function connect(options: ConnectOptions): RestLiveClient {
  return new RestLiveClient(options);
}

/**
 * One connection to a rest-live edge, kept open: it reconnects with backoff after any drop and then subscribes
 * every live subscription again (resuming each from its last position on v2). See DESIGN.md.
 */
export class RestLiveClient extends Emitter<ClientEvents> {
  private readonly options: Readonly<ConnectOptions>;
  private readonly mode: ProtocolChoice;
  private readonly WebSocketClass: WebSocketConstructor;
  private readonly backoff: Backoff;
  private readonly host: SubscriptionHost;
  private readonly subscriptions = new Map<SubscriptionId, Subscription<Instance>>();
  /** Unsubscribes sent on v2 that wait for `unsubscribed`. */
  private readonly unsubscribing = new Map<SubscriptionId, () => void>();
  private socket?: SocketLike;
  private openedAt?: number;
  private currentProtocol?: ProtocolVersion;
  private currentStatus: ClientStatus = 'connecting';
  private nextId = 1;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  /** Set by close(), or when the edge refuses the connection for good (4003): no more reconnects. */
  private stopped = false;
  /** auto: the last v2 handshake failed, so the next attempt goes without the subprotocol. */
  private tryV1Next = false;
  private expiredReported = false;

  constructor(options: ConnectOptions) {
    super();
    if (!options || typeof options.url !== 'string') {
      throw new TypeError('@rest-live/client: connect({ url }) needs the edge URL');
    }
    this.options = { ...options };
    this.mode = options.protocol ?? 'auto';
    if (!['v1', 'v2', 'auto'].includes(this.mode)) {
      throw new TypeError(`@rest-live/client: protocol must be 'v2', 'v1' or 'auto', not ${String(this.mode)}`);
    }
    this.WebSocketClass = webSocketConstructor(options.WebSocket);
    this.backoff = new Backoff(options.backoff);
    const client = this;
    this.host = {
      send: (message) => this.send(message),
      release: (id, tellServer) => this.release(id, tellServer),
      newBackoff: () => new Backoff(options.backoff),
      get protocol() {
        return client.currentProtocol;
      },
    };
    void this.open();
  }

  get status(): ClientStatus {
    return this.currentStatus;
  }

  /** The protocol of the open connection; undefined while there is none. */
  get protocol(): ProtocolVersion | undefined {
    return this.currentProtocol;
  }

  /** Subscribes; the subscription is sent now if a connection is open, else as soon as one is. */
  subscribe<T extends Instance = Instance>(spec: SubscribeSpec<T>): Subscription<T> {
    if (this.stopped) {
      throw new Error('@rest-live/client: the client is closed');
    }
    if (!spec || typeof spec.model !== 'string' || !spec.model) {
      throw new TypeError('@rest-live/client: subscribe needs a model, e.g. "todolist.Task"');
    }
    if (spec.action !== 'list' && spec.action !== 'retrieve') {
      throw new TypeError(`@rest-live/client: action must be 'list' or 'retrieve', not ${String(spec.action)}`);
    }
    const subscription = new Subscription<T>(this.nextId++, { ...spec }, this.host);
    this.subscriptions.set(subscription.id, subscription as unknown as Subscription<Instance>);
    if (this.currentProtocol) {
      subscription.connected(this.currentProtocol);
    }
    return subscription;
  }

  /** Closes the connection for good and ends every subscription. */
  close(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.subscriptions.forEach((subscription) => subscription.closed());
    this.subscriptions.clear();
    this.setStatus('closed');
    this.socket?.close(1000, 'client closed');
  }

  private async open(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.stopped) return;
    let token: string | undefined;
    try {
      token = await this.freshToken();
    } catch (cause) {
      this.emit('error', new RestLiveError(`the token provider failed: ${describe(cause)}`));
      this.scheduleReconnect(0, '', this.backoff.next());
      return;
    }
    if (this.stopped) return;
    const askV2 = this.mode === 'v2' || (this.mode === 'auto' && !this.tryV1Next);
    const url = socketUrl(this.options.url, token);
    const socket = (askV2 ? new this.WebSocketClass(url, [SUBPROTOCOL_V2]) : new this.WebSocketClass(url)) as SocketLike;
    this.socket = socket;
    this.openedAt = undefined;
    this.expiredReported = false;
    socket.onopen = () => this.opened(socket);
    socket.onmessage = (event) => this.received(socket, event.data);
    socket.onclose = (event) => this.lost(socket, event.code, event.reason);
    // A close event follows every error, with what there is to know.
    socket.onerror = () => undefined;
  }

  private opened(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.openedAt = Date.now();
    const protocol: ProtocolVersion = socket.protocol === SUBPROTOCOL_V2 ? 'v2' : 'v1';
    if (this.mode === 'v2' && protocol !== 'v2') {
      this.emit('error', new RestLiveError(`the server does not speak ${SUBPROTOCOL_V2} (it chose "${socket.protocol}")`));
      socket.close(1000, 'v2 required');
      return;
    }
    this.tryV1Next = false;
    this.currentProtocol = protocol;
    this.setStatus('open');
    this.emit('open', { protocol });
    for (const subscription of [...this.subscriptions.values()]) {
      subscription.connected(protocol);
    }
  }

  private received(socket: SocketLike, data: unknown): void {
    if (socket !== this.socket || typeof data !== 'string') return;
    const frame = parseFrame(data);
    if (!frame) return;
    switch (frame.type) {
      case 'authenticated':
        this.emit('authenticated', { expiresAt: frame.expires_at ?? null });
        return;
      case 'token_expiring':
        this.emit('tokenExpiring', { expiresAt: frame.expires_at });
        void this.refreshToken(socket);
        return;
      case 'expired':
        this.reportExpired();
        return;
      case 'unsubscribed':
        this.unsubscribing.get(frame.id)?.();
        return;
      case 'error':
        if (frame.id === null || frame.id === undefined) {
          this.emit('error', new RestLiveError(frame.message, frame.code, null));
          return;
        }
        break;
      default:
        break;
    }
    const id = 'id' in frame ? frame.id : null;
    if (id === null || id === undefined) return;
    const subscription = this.subscriptions.get(id);
    if (subscription) {
      subscription.handle(frame as SubscriptionFrame);
    } else if (frame.type === 'error') {
      // The answer to an unsubscribe of a subscription the server had already dropped.
      this.unsubscribing.get(id)?.();
    }
  }

  private lost(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    const openFor = this.openedAt === undefined ? undefined : Date.now() - this.openedAt;
    this.socket = undefined;
    this.openedAt = undefined;
    this.currentProtocol = undefined;
    this.unsubscribing.forEach((settle) => settle());
    this.subscriptions.forEach((subscription) => subscription.disconnected());
    if (this.stopped) {
      this.emit('close', { code, reason });
      return;
    }
    if (code === CLOSE_UNAUTHORIZED) {
      const expired = reason === TOKEN_EXPIRED_REASON;
      if (expired) this.reportExpired();
      if (!expired || typeof this.options.token !== 'function') {
        this.emit('error', new RestLiveError(expired
          ? 'the token expired and there is no token function to get a fresh one'
          : `the edge refused the connection (${code} ${reason}): this endpoint needs a token`, code));
        this.stop(code, reason);
        return;
      }
    }
    let delay: number;
    if (openFor === undefined && this.mode === 'auto' && !this.tryV1Next) {
      // A v1 server may fail a handshake that asked for a subprotocol (the `ws` package does): try without.
      this.tryV1Next = true;
      delay = 0;
    } else {
      this.tryV1Next = false;
      if (openFor !== undefined && openFor >= (this.options.stableAfterMs ?? 5000)) {
        this.backoff.reset();
      }
      delay = this.backoff.next();
    }
    this.scheduleReconnect(code, reason, delay);
  }

  private scheduleReconnect(code: number, reason: string, delay: number): void {
    this.setStatus('reconnecting');
    this.emit('close', { code, reason, reconnectInMs: delay });
    this.reconnectTimer = setTimeout(() => void this.open(), delay);
  }

  private stop(code: number, reason: string): void {
    this.stopped = true;
    this.subscriptions.forEach((subscription) => subscription.closed());
    this.subscriptions.clear();
    this.setStatus('closed');
    this.emit('close', { code, reason });
  }

  private async refreshToken(socket: SocketLike): Promise<void> {
    if (typeof this.options.token !== 'function') return;
    try {
      const token = await this.freshToken();
      if (token && socket === this.socket) this.send({ type: 'auth', token });
    } catch (cause) {
      this.emit('error', new RestLiveError(`the token provider failed: ${describe(cause)}`));
    }
  }

  private async freshToken(): Promise<string | undefined> {
    const source = this.options.token;
    const token = typeof source === 'function' ? await source() : source;
    return token ?? undefined;
  }

  private reportExpired(): void {
    if (this.expiredReported) return;
    this.expiredReported = true;
    this.emit('expired', {});
  }

  private send(message: ClientMessage): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN || this.currentProtocol === undefined) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  private release(id: SubscriptionId, tellServer: boolean): Promise<void> {
    this.subscriptions.delete(id);
    if (!tellServer || !this.send({ type: 'unsubscribe', id })) return Promise.resolve();
    if (this.currentProtocol !== 'v2') return Promise.resolve();
    return new Promise((resolve) => {
      this.unsubscribing.set(id, () => {
        this.unsubscribing.delete(id);
        resolve();
      });
    });
  }

  private setStatus(status: ClientStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.emit('status', status);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
