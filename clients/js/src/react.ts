import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { RestLiveClient } from './client.js';
import type { Instance } from './collection.js';
import { liveStore } from './store.js';
import type { LiveSnapshot, LiveStore } from './store.js';
import type { SubscribeSpec, Subscription } from './subscription.js';

const IDLE: LiveSnapshot<never> = Object.freeze({ items: Object.freeze([]), state: 'pending' });
const IDLE_STORE: LiveStore<never> = { subscribe: () => () => undefined, getSnapshot: () => IDLE };

/** What {@link useLiveCollection} returns: the live items, the subscription's state, and the subscription. */
export interface LiveCollectionResult<T extends Instance> extends LiveSnapshot<T> {
  readonly subscription?: Subscription<T>;
}

/**
 * Subscribes while the component is mounted and re-renders on every change of the collection. The
 * subscription is made again when `client` or the spec's JSON fields (model, action, lookup_by, view_kwargs,
 * query_params, snapshot, a string key) change; its functions (`initial`, a key function) are read when it is
 * made. Pass `null` as `client` or `spec` to subscribe to nothing (yet).
 */
export function useLiveCollection<T extends Instance = Instance>(
  client: RestLiveClient | null | undefined,
  spec: SubscribeSpec<T> | null | undefined,
): LiveCollectionResult<T> {
  const latestSpec = useRef(spec);
  latestSpec.current = spec;
  const identity = spec ? specIdentity(spec) : null;
  const [live, setLive] = useState<{ subscription: Subscription<T>; store: LiveStore<T> }>();

  useEffect(() => {
    const current = latestSpec.current;
    if (!client || !current) {
      setLive(undefined);
      return undefined;
    }
    const subscription = client.subscribe<T>(current);
    setLive({ subscription, store: liveStore(subscription) });
    return () => {
      void subscription.unsubscribe();
    };
  }, [client, identity]);

  const store: LiveStore<T> = live?.store ?? IDLE_STORE;
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return { ...snapshot, subscription: live?.subscription };
}

function specIdentity<T extends Instance>(spec: SubscribeSpec<T>): string {
  const { model, action, lookup_by, view_kwargs, query_params, snapshot, key } = spec;
  return JSON.stringify([model, action, lookup_by, view_kwargs, query_params, snapshot, typeof key === 'string' ? key : null]);
}
