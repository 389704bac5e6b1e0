import { Backoff } from './backoff.js';
import { Emitter } from './emitter.js';
import { LiveCollection } from './collection.js';
import type { Instance, Key, KeySpec } from './collection.js';
import { RestLiveError } from './errors.js';
import type {
  BroadcastAction, BroadcastFrame, Json, SubscribeMessage, SubscribedFrame, SubscriptionFrame, SubscriptionId,
} from './protocol.js';

/** The protocol a connection speaks. */
export type ProtocolVersion = 'v1' | 'v2';

/** What to subscribe to, and how to hold it. */
export interface SubscribeSpec<T extends Instance = Instance> {
  /** The model label of a view on the endpoint, e.g. `todolist.Task`. */
  model: string;
  action: 'list' | 'retrieve';
  /** retrieve: the value of the view's lookup field. */
  lookup_by?: Json;
  view_kwargs?: { [key: string]: Json };
  query_params?: { [key: string]: Json };
  /**
   * v2: ask for the view's current members before the live frames (default true). Ignored on a v1 connection,
   * which has no snapshot: there {@link initial} loads them, if given.
   */
  snapshot?: boolean;
  /** How to key instances: a field name or a function; default `'pk'` (then `id`). */
  key?: KeySpec<T>;
  /**
   * Loads the view's current members when the server cannot send them: on a v1 connection, or with
   * `snapshot: false`. Typically a fetch of the REST view. It is called after the subscribe is sent (so no
   * change falls between the two), and broadcasts that arrive meanwhile are applied on top of its result.
   */
  initial?: () => Promise<Iterable<T>>;
}

/**
 * `pending`: not yet (or, after a drop, no longer) confirmed live; `live`: every change reaches it;
 * `failed`: the server refused it (see `error`); `revoked`: the user lost the right to it; `closed`:
 * unsubscribed, or its client closed.
 */
export type SubscriptionState = 'pending' | 'live' | 'failed' | 'revoked' | 'closed';

/** What changed in the collection. */
export type ChangeEvent<T> =
  | { cause: 'broadcast'; action: BroadcastAction; key: Key; instance: T; version?: number }
  | { cause: 'snapshot' | 'initial' | 'reset' };

export interface SubscriptionEvents<T> {
  /** The collection changed. */
  change: ChangeEvent<T>;
  /** The subscription is live (again): after its snapshot, initial load or resumed frames. */
  subscribed: { position?: string };
  /** The server could not continue it: the collection was cleared, and it is subscribed again from scratch. */
  reset: { reason?: string };
  /** After a token refresh the user may no longer hold it; it has ended. */
  revoked: RestLiveError;
  error: RestLiveError;
  /** Its state changed. */
  state: SubscriptionState;
}

/** What a subscription needs from its client. @internal */
export interface SubscriptionHost {
  /** Sends on the open connection; false when there is none. */
  send(message: SubscribeMessage): boolean;
  /** Forgets the subscription; sends `unsubscribe` when `tellServer`, resolving on the server's answer. */
  release(id: SubscriptionId, tellServer: boolean): Promise<void>;
  newBackoff(): Backoff;
  /** The protocol of the open connection; undefined while there is none. */
  readonly protocol: ProtocolVersion | undefined;
}

/** Error codes after which the same subscribe may succeed later (rate limit, processor unreachable). */
const RETRYABLE_CODES = new Set([429, 503]);

/**
 * One subscription and its live collection. The client routes the frames of the subscription's id here and
 * calls {@link connected} each time a connection opens; the subscription decides what to send (a fresh
 * subscribe, with or without a snapshot, or a resume from its last position) and applies what comes back.
 *
 * Frames are held back while the collection is being filled (a snapshot's pages, or an initial load) and
 * applied on top of it afterwards. A frame's position is remembered only once the frame is applied, so that
 * a resume never skips a frame the collection does not have.
 */
export class Subscription<T extends Instance = Instance> extends Emitter<SubscriptionEvents<T>> {
  readonly collection: LiveCollection<T>;
  private currentState: SubscriptionState = 'pending';
  private lastPosition?: string;
  private lastError?: RestLiveError;
  /** Whether the server holds it on the current connection (sent, and not refused). */
  private serverHolds = false;
  private acknowledged = false;
  private awaitingSnapshot = false;
  private loading = false;
  private snapshotPages: { instance: T; version?: number }[] = [];
  private held?: (BroadcastFrame | SubscribedFrame)[];
  /** Counts connections and resets, so that a slow initial load of an earlier one is ignored. */
  private generation = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private readonly retries: Backoff;

  /** @internal */
  constructor(readonly id: SubscriptionId, readonly spec: Readonly<SubscribeSpec<T>>, private readonly host: SubscriptionHost) {
    super();
    this.collection = new LiveCollection<T>(spec.key);
    this.retries = host.newBackoff();
  }

  get state(): SubscriptionState {
    return this.currentState;
  }

  /** The last position applied (v2): where a resume continues from. */
  get position(): string | undefined {
    return this.lastPosition;
  }

  /** The last error the server or the initial loader reported for it. */
  get error(): RestLiveError | undefined {
    return this.lastError;
  }

  /** The held instances, in arrival order. */
  get items(): T[] {
    return this.collection.toArray();
  }

  /** For a retrieve: the instance, while it is in the view. */
  get instance(): T | undefined {
    return this.collection.values().next().value;
  }

  /**
   * Ends the subscription. On v2 it resolves when the server confirmed (`unsubscribed`), on v1 at once.
   * Frames that were already on their way are ignored.
   */
  unsubscribe(): Promise<void> {
    if (this.isOver()) {
      return Promise.resolve();
    }
    const tellServer = this.serverHolds;
    this.end('closed');
    return this.host.release(this.id, tellServer);
  }

  /** @internal A connection speaking `protocol` is open: subscribe on it. */
  connected(protocol: ProtocolVersion): void {
    if (this.isOver()) return;
    this.dropConnectionState();
    const resume = protocol === 'v2' ? this.lastPosition : undefined;
    const snapshot = protocol === 'v2' && resume === undefined && this.spec.snapshot !== false;
    const load = resume === undefined && !snapshot && this.spec.initial !== undefined;
    this.setState('pending');
    if (!this.host.send(this.subscribeMessage(resume, snapshot))) {
      return;
    }
    this.serverHolds = true;
    // v1 never acknowledges: the subscription is live from the moment the subscribe reaches the edge.
    this.acknowledged = protocol === 'v1';
    this.awaitingSnapshot = snapshot;
    if (snapshot || load) {
      this.held = [];
    }
    if (load) {
      this.runInitialLoad(this.generation);
    }
    this.goLiveIfReady();
  }

  /** @internal The connection dropped. */
  disconnected(): void {
    if (this.isOver()) return;
    this.dropConnectionState();
    this.setState('pending');
  }

  /** @internal The client closed. */
  closed(): void {
    if (!this.isOver()) this.end('closed');
  }

  /** @internal A frame with this subscription's id. */
  handle(frame: SubscriptionFrame): void {
    if (this.isOver()) return;
    switch (frame.type) {
      case 'broadcast':
      case 'subscribed':
        if (frame.type === 'subscribed') {
          this.acknowledged = true;
          // A server that ignored `snapshot` sends none: do not wait for it.
          this.awaitingSnapshot = false;
        }
        if (this.held) {
          this.held.push(frame);
          this.releaseHeldIfReady();
        } else {
          this.process(frame);
        }
        this.goLiveIfReady();
        return;
      case 'snapshot':
        this.snapshotPages.push(...(frame.items as { instance: T; version?: number }[]));
        if (frame.last) {
          this.collection.replace(this.snapshotPages);
          this.snapshotPages = [];
          this.awaitingSnapshot = false;
          this.emit('change', { cause: 'snapshot' });
          this.releaseHeldIfReady();
          this.goLiveIfReady();
        }
        return;
      case 'reset':
        this.reset(frame.reason);
        return;
      case 'revoked': {
        const error = new RestLiveError(frame.message, frame.code, this.id);
        this.lastError = error;
        this.serverHolds = false;
        this.end('revoked');
        this.host.release(this.id, false);
        this.emit('revoked', error);
        return;
      }
      case 'error':
        this.refused(new RestLiveError(frame.message, frame.code, this.id));
        return;
      default:
        return;
    }
  }

  private subscribeMessage(resume: string | undefined, snapshot: boolean): SubscribeMessage {
    const { model, action, lookup_by, view_kwargs, query_params } = this.spec;
    const message: SubscribeMessage = { type: 'subscribe', id: this.id, model, action };
    if (lookup_by !== undefined) message.lookup_by = lookup_by;
    if (view_kwargs !== undefined) message.view_kwargs = view_kwargs;
    if (query_params !== undefined) message.query_params = query_params;
    if (resume !== undefined) message.resume = resume;
    if (snapshot) message.snapshot = true;
    return message;
  }

  private runInitialLoad(generation: number): void {
    this.loading = true;
    const done = () => {
      this.loading = false;
      this.releaseHeldIfReady();
      this.goLiveIfReady();
    };
    Promise.resolve()
      .then(() => this.spec.initial!())
      .then(
        (items) => {
          if (generation !== this.generation) return;
          this.collection.replace([...items].map((instance) => ({ instance })));
          this.emit('change', { cause: 'initial' });
          done();
        },
        (cause: unknown) => {
          if (generation !== this.generation) return;
          this.reportError(new RestLiveError(`initial load failed: ${describe(cause)}`, undefined, this.id));
          done();
        },
      );
  }

  /** Applies a frame in arrival order; its position becomes the one to resume from. */
  private process(frame: BroadcastFrame | SubscribedFrame): void {
    if (frame.type === 'broadcast') {
      const instance = frame.instance as T;
      if (this.collection.apply(frame.action, instance, frame.version)) {
        this.emit('change', {
          cause: 'broadcast', action: frame.action, key: this.collection.key(instance), instance, version: frame.version,
        });
      }
    }
    if (frame.position !== undefined) {
      this.lastPosition = frame.position;
    }
  }

  private releaseHeldIfReady(): void {
    if (!this.held || this.awaitingSnapshot || this.loading) return;
    const held = this.held;
    this.held = undefined;
    held.forEach((frame) => this.process(frame));
  }

  private goLiveIfReady(): void {
    if (this.currentState === 'pending' && this.serverHolds && this.acknowledged && !this.held) {
      this.retries.reset();
      this.setState('live');
      this.emit('subscribed', { position: this.lastPosition });
    }
  }

  /**
   * The server ended the subscription because it cannot continue it (a resume it cannot serve): forget
   * everything held, versions and position included, and subscribe again from scratch (a snapshot, or the
   * initial load) on the same connection.
   */
  private reset(reason: string | undefined): void {
    this.collection.clear();
    this.lastPosition = undefined;
    this.serverHolds = false;
    this.emit('reset', { reason });
    this.emit('change', { cause: 'reset' });
    const protocol = this.host.protocol;
    if (protocol !== undefined && !this.isOver()) {
      this.connected(protocol);
    }
  }

  private refused(error: RestLiveError): void {
    this.serverHolds = false;
    if (error.code !== undefined && RETRYABLE_CODES.has(error.code)) {
      this.dropConnectionState();
      this.setState('pending');
      this.retryTimer = setTimeout(() => this.retryOnSameConnection(), this.retries.next());
      this.reportError(error);
      return;
    }
    this.end('failed');
    this.host.release(this.id, false);
    this.reportError(error);
  }

  private retryOnSameConnection(): void {
    this.retryTimer = undefined;
    const protocol = this.host.protocol;
    if (protocol !== undefined) this.connected(protocol);
  }

  private reportError(error: RestLiveError): void {
    this.lastError = error;
    this.emit('error', error);
  }

  private dropConnectionState(): void {
    this.generation++;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.serverHolds = false;
    this.acknowledged = false;
    this.awaitingSnapshot = false;
    this.loading = false;
    this.snapshotPages = [];
    this.held = undefined;
  }

  private end(state: 'failed' | 'revoked' | 'closed'): void {
    this.dropConnectionState();
    this.setState(state);
  }

  private isOver(): boolean {
    return this.currentState === 'failed' || this.currentState === 'revoked' || this.currentState === 'closed';
  }

  private setState(state: SubscriptionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit('state', state);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
