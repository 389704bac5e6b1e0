// Protocol v1 against the real stack: the fallback every rest-live edge (and django-rest-live) speaks.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../dist/esm/index.js';
import { FAST_BACKOFF, Recording, WS_URL, api, freshList, serverSpeaksV2, until, viewed } from './stack.mjs';

let client;
beforeEach(() => { Recording.sockets = []; });
afterEach(() => client?.close());

const TIMEOUT = { timeout: 120_000 };

test('v1 fallback: an initial load, then the broadcasts of what the REST API creates, updates and deletes', TIMEOUT, async (t) => {
  const list = await freshList(t);
  const before = await api.newTask(list, 'there before');
  client = connect({ url: WS_URL, WebSocket: Recording, protocol: 'v1', backoff: FAST_BACKOFF });
  const tasks = client.subscribe({
    model: 'todolist.Task', action: 'list', view_kwargs: { list }, initial: () => api.tasksOf(list),
  });
  await until('the subscription is live', () => tasks.state === 'live');
  assert.equal(client.protocol, 'v1');
  assert.deepEqual(tasks.items, [viewed(before)]);

  const created = await api.newTask(list, 'Buy milk');
  await until('the created task', () => tasks.collection.has(created.id));
  await api.patchTask(created.id, { done: true });
  await until('the update', () => tasks.collection.get(created.id)?.done === true);
  await api.deleteTask(before.id);
  await until('the delete', () => !tasks.collection.has(before.id));

  assert.deepEqual(tasks.items, [{ id: created.id, text: 'Buy milk', done: true }]);
  assert.ok(Recording.frames().every((frame) => frame.version === undefined), 'v1 frames carry no version');
});

test('auto speaks v2 exactly when the server answers with rest-live.v2, and v1 otherwise', TIMEOUT, async () => {
  const v2 = await serverSpeaksV2();
  client = connect({ url: WS_URL, WebSocket: Recording, backoff: FAST_BACKOFF });

  await until('a connection', () => client.protocol);

  assert.equal(client.protocol, v2 ? 'v2' : 'v1');
});

test('v1 unsubscribe: no frame of the subscription arrives after it, the others go on', TIMEOUT, async (t) => {
  const list = await freshList(t);
  client = connect({ url: WS_URL, WebSocket: Recording, protocol: 'v1', backoff: FAST_BACKOFF });
  const leaving = client.subscribe({ model: 'todolist.Task', action: 'list', view_kwargs: { list } });
  const staying = client.subscribe({ model: 'todolist.Task', action: 'list', view_kwargs: { list } });
  await until('both live', () => leaving.state === 'live' && staying.state === 'live');
  const first = await api.newTask(list, 'seen by both');
  await until('both see it', () => leaving.collection.has(first.id) && staying.collection.has(first.id));

  await leaving.unsubscribe();
  const second = await api.newTask(list, 'seen by one');
  await until('the staying one sees it', () => staying.collection.has(second.id));

  // The frames one change makes on one connection go out in subscription order: had the server still held
  // the first subscription, its frame would be here already.
  const toLeaving = Recording.frames().filter((frame) => frame.id === leaving.id && frame.instance?.id === second.id);
  assert.deepEqual(toLeaving, []);
  assert.equal(leaving.state, 'closed');
  assert.equal(leaving.collection.has(second.id), false);
});

test('v1 after a dropped connection: it subscribes again and loads again, so the missed changes are there', TIMEOUT, async (t) => {
  const list = await freshList(t);
  const kept = await api.newTask(list, 'kept');
  let release = () => undefined;
  let gate = Promise.resolve();
  // The token provider is awaited before each connect: the test holds the reconnect there while it changes data.
  client = connect({
    url: WS_URL, WebSocket: Recording, protocol: 'v1', backoff: FAST_BACKOFF, token: async () => { await gate; return undefined; },
  });
  const tasks = client.subscribe({
    model: 'todolist.Task', action: 'list', view_kwargs: { list }, initial: () => api.tasksOf(list),
  });
  await until('live', () => tasks.state === 'live');

  gate = new Promise((resolve) => { release = resolve; });
  const dropped = Recording.latest();
  dropped.terminate();
  await until('the client notices', () => client.status === 'reconnecting');
  const added = await api.newTask(list, 'added while away');
  await api.patchTask(kept.id, { done: true });
  release();

  await until('live again', () => tasks.state === 'live' && Recording.latest() !== dropped);
  assert.deepEqual(tasks.items.sort((a, b) => a.id - b.id), [{ ...viewed(kept), done: true }, viewed(added)]);
  const late = await api.newTask(list, 'after the reconnect');
  await until('a broadcast on the new connection', () => tasks.collection.has(late.id));
});
