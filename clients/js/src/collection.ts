import type { BroadcastAction } from './protocol.js';

/** An instance as the view serializes it. */
export type Instance = Record<string, unknown>;

/** The key an instance is held under. */
export type Key = string | number;

/**
 * How to find an instance's key: a field name, or a function. The default, `'pk'`, reads `pk` and falls back
 * to `id`, because serializers usually name the primary key `id` while a `DELETED` frame always carries
 * `{<lookup field>: …, "id": <pk>}`.
 */
export type KeySpec<T> = string | ((instance: T) => Key);

/** One held instance and the version it was last written at (undefined on v1). */
interface Entry<T> {
  instance: T;
  version?: number;
}

/**
 * The instances a subscription currently sees, keyed, each with the version it was last written at. It
 * applies frames as docs/protocol.md asks a client to: a `CREATED` of a held instance is an update, an
 * `UPDATED` of a missing one is a create, and a frame whose version is not above the one held for that
 * instance is dropped (a resume may repeat frames). The versions of deleted instances are remembered too
 * (until {@link clear}), so that a repeated older frame cannot bring a deleted instance back.
 *
 * Read it with {@link get}, {@link has}, {@link size}, {@link values}, {@link toArray} or iteration; it
 * keeps the order in which instances first arrived.
 */
export class LiveCollection<T extends Instance = Instance> implements Iterable<T> {
  private readonly entries = new Map<Key, Entry<T>>();
  /** Versions of every instance seen since the last clear, deleted ones included. */
  private readonly versions = new Map<Key, number>();
  private readonly keyOf: (instance: T) => Key;

  constructor(key: KeySpec<T> = 'pk') {
    this.keyOf = typeof key === 'function' ? key : fieldKey<T>(key);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: Key): T | undefined {
    return this.entries.get(key)?.instance;
  }

  has(key: Key): boolean {
    return this.entries.has(key);
  }

  /** The version last applied for `key` (deleted instances included), if the server sends versions. */
  versionOf(key: Key): number | undefined {
    return this.versions.get(key);
  }

  /** The key of an instance, by the collection's key spec. */
  key(instance: T): Key {
    return this.keyOf(instance);
  }

  values(): IterableIterator<T> {
    return mapIterator(this.entries.values(), (entry) => entry.instance);
  }

  keys(): IterableIterator<Key> {
    return this.entries.keys();
  }

  [Symbol.iterator](): Iterator<T> {
    return this.values();
  }

  /** A new array of the instances, in arrival order. */
  toArray(): T[] {
    return [...this.values()];
  }

  /**
   * Applies one broadcast. Returns false when it was dropped because its version is not above the held one.
   */
  apply(action: BroadcastAction, instance: T, version?: number): boolean {
    const key = this.keyOf(instance);
    const held = this.versions.get(key);
    if (version !== undefined && held !== undefined && version <= held) {
      return false;
    }
    if (version !== undefined) {
      this.versions.set(key, version);
    }
    if (action === 'DELETED') {
      this.entries.delete(key);
    } else {
      this.entries.set(key, { instance, version });
    }
    return true;
  }

  /** Replaces everything with `items` (a snapshot, or what an initial loader fetched). */
  replace(items: Iterable<{ instance: T; version?: number }>): void {
    this.clear();
    for (const { instance, version } of items) {
      const key = this.keyOf(instance);
      this.entries.set(key, { instance, version });
      if (version !== undefined) {
        this.versions.set(key, version);
      }
    }
  }

  /** Drops every instance and every version held (a `reset`). */
  clear(): void {
    this.entries.clear();
    this.versions.clear();
  }
}

function fieldKey<T extends Instance>(field: string): (instance: T) => Key {
  return (instance) => {
    const value = instance[field] ?? (field === 'pk' ? instance['id'] : undefined);
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`@rest-live/client: instance has no "${field}" to key it by: ${JSON.stringify(instance)}`);
    }
    return value;
  };
}

function* mapIterator<A, B>(source: Iterator<A>, map: (a: A) => B): IterableIterator<B> {
  for (let next = source.next(); !next.done; next = source.next()) {
    yield map(next.value);
  }
}
