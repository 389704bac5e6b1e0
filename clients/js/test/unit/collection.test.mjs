import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveCollection } from '../../dist/esm/index.js';

test('a created, updated and deleted instance is added, replaced and removed', () => {
  const tasks = new LiveCollection();

  tasks.apply('CREATED', { id: 1, text: 'milk' });
  tasks.apply('UPDATED', { id: 1, text: 'eggs' });
  assert.deepEqual(tasks.toArray(), [{ id: 1, text: 'eggs' }]);

  tasks.apply('DELETED', { pk: 1, id: 1 });
  assert.equal(tasks.size, 0);
});

test('a CREATED of a held instance updates it and an UPDATED of a missing one creates it', () => {
  const tasks = new LiveCollection();

  tasks.apply('UPDATED', { id: 2, text: 'new' });
  tasks.apply('CREATED', { id: 2, text: 'again' });

  assert.deepEqual(tasks.toArray(), [{ id: 2, text: 'again' }]);
});

test('a frame whose version is not above the held one is dropped', () => {
  const tasks = new LiveCollection();
  tasks.apply('CREATED', { id: 1, text: 'v3' }, 3);

  assert.equal(tasks.apply('UPDATED', { id: 1, text: 'v2' }, 2), false);
  assert.equal(tasks.apply('UPDATED', { id: 1, text: 'v3 again' }, 3), false);
  assert.equal(tasks.apply('UPDATED', { id: 1, text: 'v4' }, 4), true);

  assert.deepEqual(tasks.get(1), { id: 1, text: 'v4' });
  assert.equal(tasks.versionOf(1), 4);
});

test('a repeated older frame does not bring a deleted instance back', () => {
  const tasks = new LiveCollection();
  tasks.apply('CREATED', { id: 1 }, 1);
  tasks.apply('DELETED', { pk: 1, id: 1 }, 2);

  assert.equal(tasks.apply('UPDATED', { id: 1 }, 1), false);

  assert.equal(tasks.has(1), false);
});

test('clear and replace forget every version', () => {
  const tasks = new LiveCollection();
  tasks.apply('CREATED', { id: 1, text: 'old' }, 9);

  tasks.replace([{ instance: { id: 2, text: 'snap' }, version: 1 }]);
  assert.equal(tasks.apply('CREATED', { id: 1, text: 'after reset' }, 1), true);

  tasks.clear();
  assert.equal(tasks.size, 0);
  assert.equal(tasks.versionOf(1), undefined);
});

test('instances are keyed by pk, then id, or by the given field or function', () => {
  const byPk = new LiveCollection();
  byPk.apply('CREATED', { pk: 'a', id: 1 });
  byPk.apply('CREATED', { id: 2 });
  assert.deepEqual([...byPk.keys()], ['a', 2]);

  const bySlug = new LiveCollection('slug');
  bySlug.apply('CREATED', { id: 1, slug: 'milk' });
  bySlug.apply('DELETED', { slug: 'milk', id: 1 });
  assert.equal(bySlug.size, 0);

  const byFunction = new LiveCollection((instance) => `${instance.list}/${instance.id}`);
  byFunction.apply('CREATED', { id: 1, list: 7 });
  assert.equal(byFunction.has('7/1'), true);
});

test('an instance without its key field is refused with the field named', () => {
  const bySlug = new LiveCollection('slug');

  assert.throws(() => bySlug.apply('CREATED', { id: 1 }), /no "slug"/);
});

test('it keeps arrival order and is iterable', () => {
  const tasks = new LiveCollection();
  tasks.apply('CREATED', { id: 3 });
  tasks.apply('CREATED', { id: 1 });
  tasks.apply('UPDATED', { id: 3, done: true });

  assert.deepEqual([...tasks].map((task) => task.id), [3, 1]);
});
