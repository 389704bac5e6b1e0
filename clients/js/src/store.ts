import type { Instance } from './collection.js';
import type { RestLiveError } from './errors.js';
import type { Subscription, SubscriptionState } from './subscription.js';

/** An immutable picture of a subscription, for UI frameworks that compare snapshots by identity. */
export interface LiveSnapshot<T> {
  readonly items: readonly T[];
  readonly state: SubscriptionState;
  readonly error?: RestLiveError;
  readonly position?: string;
}

/** The `subscribe` / `getSnapshot` pair React's `useSyncExternalStore` (and similar stores) expect. */
export interface LiveStore<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): LiveSnapshot<T>;
}

/**
 * A store over a subscription: `getSnapshot` returns the same object until the subscription changes (its
 * collection, state or error), and a new one after, as `useSyncExternalStore` requires.
 */
export function liveStore<T extends Instance>(subscription: Subscription<T>): LiveStore<T> {
  let snapshot: LiveSnapshot<T> | undefined;
  const take = (): LiveSnapshot<T> => ({
    items: Object.freeze(subscription.items),
    state: subscription.state,
    error: subscription.error,
    position: subscription.position,
  });
  return {
    subscribe(onChange) {
      const changed = () => {
        snapshot = undefined;
        onChange();
      };
      const removers = [
        subscription.on('change', changed),
        subscription.on('state', changed),
        subscription.on('error', changed),
      ];
      return () => removers.forEach((remove) => remove());
    },
    getSnapshot() {
      snapshot ??= take();
      return snapshot;
    },
  };
}
