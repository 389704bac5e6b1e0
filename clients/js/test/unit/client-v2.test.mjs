import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../dist/esm/index.js';
import { FAST, FakeSocket, settle, until } from './fake-socket.mjs';

let client;

beforeEach(() => FakeSocket.reset());
afterEach(() => client?.close());

function open(options = {}) {
  client = connect({ url: 'ws://edge/ws/subscribe/', WebSocket: FakeSocket, backoff: FAST, ...options });
  return client;
}

async function openV2() {
  open();
  await until(() => FakeSocket.latest());
  FakeSocket.latest().accept('rest-live.v2');
  return FakeSocket.latest();
}

const TASKS = { model: 'todolist.Task', action: 'list' };

test('it asks for rest-live.v2 and subscribes with a snapshot', async () => {
  const socket = await openV2();

  const tasks = client.subscribe({ ...TASKS, view_kwargs: { list: 1 } });

  assert.deepEqual(socket.protocols, ['rest-live.v2']);
  assert.equal(client.protocol, 'v2');
  assert.deepEqual(socket.sent, [{ type: 'subscribe', id: tasks.id, model: 'todolist.Task', action: 'list',
    view_kwargs: { list: 1 }, snapshot: true }]);
  assert.equal(tasks.state, 'pending');
});

test('snapshot pages fill the collection, then subscribed makes it live', async () => {
  const socket = await openV2();
  const tasks = client.subscribe(TASKS);
  const events = [];
  tasks.on('change', (change) => events.push(change.cause));
  tasks.on('subscribed', ({ position }) => events.push(`subscribed ${position}`));

  socket.push({ type: 'snapshot', id: tasks.id, model: 'todolist.Task', items: [{ instance: { id: 1 }, version: 4 }], last: false });
  assert.equal(tasks.collection.size, 0, 'pages are applied together, at the last');
  socket.push({ type: 'snapshot', id: tasks.id, model: 'todolist.Task', items: [{ instance: { id: 2 }, version: 1 }], last: true });
  socket.push({ type: 'subscribed', id: tasks.id, position: 'v2:0.1.10' });

  assert.deepEqual(tasks.items, [{ id: 1 }, { id: 2 }]);
  assert.equal(tasks.state, 'live');
  assert.equal(tasks.position, 'v2:0.1.10');
  assert.deepEqual(events, ['snapshot', 'subscribed v2:0.1.10']);
});

test('a broadcast whose version is not above the held one is dropped, but its position is kept', async () => {
  const socket = await openV2();
  const tasks = client.subscribe(TASKS);
  socket.push({ type: 'snapshot', id: tasks.id, model: 'todolist.Task', items: [{ instance: { id: 1, text: 'v5' }, version: 5 }], last: true });
  socket.push({ type: 'subscribed', id: tasks.id, position: 'p1' });

  socket.push({ type: 'broadcast', id: tasks.id, model: 'todolist.Task', action: 'UPDATED', instance: { id: 1, text: 'v4' }, version: 4, position: 'p2' });
  socket.push({ type: 'broadcast', id: tasks.id, model: 'todolist.Task', action: 'UPDATED', instance: { id: 1, text: 'v6' }, version: 6, position: 'p3' });
  socket.push({ type: 'broadcast', id: tasks.id, model: 'todolist.Task', action: 'CREATED', instance: { id: 2, text: 'new' }, version: 1, position: 'p4' });

  assert.deepEqual(tasks.items, [{ id: 1, text: 'v6' }, { id: 2, text: 'new' }]);
  assert.equal(tasks.position, 'p4');
});

test('after a dropped connection it reconnects and resumes from the last position, without a snapshot', async () => {
  const first = await openV2();
  const tasks = client.subscribe(TASKS);
  first.push({ type: 'snapshot', id: tasks.id, model: 'todolist.Task', items: [{ instance: { id: 1 }, version: 1 }], last: true });
  first.push({ type: 'subscribed', id: tasks.id, position: 'p1' });
  first.push({ type: 'broadcast', id: tasks.id, model: 'todolist.Task', action: 'CREATED', instance: { id: 2 }, version: 1, position: 'p2' });

  first.drop();
  assert.equal(tasks.state, 'pending');
  const second = await until(() => FakeSocket.made.length === 2 && FakeSocket.latest());
  second.accept('rest-live.v2');

  assert.deepEqual(second.sent, [{ type: 'subscribe', id: tasks.id, model: 'todolist.Task', action: 'list', resume: 'p2' }]);
  second.push({ type: 'broadcast', id: tasks.id, model: 'todolist.Task', action: 'DELETED', instance: { pk: 1, id: 1 }, version: 2, position: 'p3' });
  second.push({ type: 'subscribed', id: tasks.id, position: 'p3' });
  assert.deepEqual(tasks.items, [{ id: 2 }], 'what was held is kept and the missed frames are applied on it');
  assert.equal(tasks.state, 'live');
});

test('a reset clears the collection and its versions, and subscribes again with a snapshot', async () => {
  const socket = await openV2();
  const tasks = client.subscribe(TASKS);
  socket.push({ type: 'snapshot', id: tasks.id, model: 'todolist.Task', items: [{ instance: { id: 1 }, version: 9 }], last: true });
  socket.push({ type: 'subscribed', id: tasks.id, position: 'p1' });
  const resets = [];
  tasks.on('reset', ({ reason }) => resets.push(reason));

  socket.push({ type: 'reset', id: tasks.id, reason: 'history trimmed' });
  assert.equal(tasks.collection.size, 0);
  assert.equal(tasks.state, 'pending');
  assert.equal(tasks.position, undefined);
  assert.deepEqual(socket.sentOfType('subscribe').at(-1), {
    type: 'subscribe', id: tasks.id, model: 'todolist.Task', action: 'list', snapshot: true });
  socket.push({ type: 'snapshot', id: tasks.id, model: 'todolist.Task', items: [{ instance: { id: 1, text: 'rebuilt' }, version: 1 }], last: true });
  socket.push({ type: 'subscribed', id: tasks.id, position: 'q1' });

  assert.deepEqual(resets, ['history trimmed']);
  assert.deepEqual(tasks.items, [{ id: 1, text: 'rebuilt' }]);
  assert.equal(tasks.collection.versionOf(1), 1);
  assert.equal(tasks.state, 'live');
});

test('a reset of a resume subscribes again afresh', async () => {
  const first = await openV2();
  const tasks = client.subscribe(TASKS);
  first.push({ type: 'snapshot', id: tasks.id, model: 'todolist.Task', items: [{ instance: { id: 1 }, version: 3 }], last: true });
  first.push({ type: 'subscribed', id: tasks.id, position: 'p1' });
  first.drop();
  const second = await until(() => FakeSocket.made.length === 2 && FakeSocket.latest());
  second.accept('rest-live.v2');
  assert.equal(second.sent[0].resume, 'p1');

  second.push({ type: 'reset', id: tasks.id, reason: 'the processor no longer has that position' });

  assert.deepEqual(second.sentOfType('subscribe').map((message) => [message.resume, message.snapshot]),
    [['p1', undefined], [undefined, true]]);
  assert.equal(tasks.collection.size, 0);
});

test('a position is not remembered before the frames it follows are applied', async () => {
  const socket = await openV2();
  const tasks = client.subscribe(TASKS);

  // a page arrived, the connection dropped before the last one
  socket.push({ type: 'snapshot', id: tasks.id, model: 'todolist.Task', items: [{ instance: { id: 1 }, version: 1 }], last: false });
  socket.drop();
  const second = await until(() => FakeSocket.made.length === 2 && FakeSocket.latest());
  second.accept('rest-live.v2');

  assert.equal(tasks.position, undefined);
  assert.equal(second.sent[0].snapshot, true);
  assert.equal(second.sent[0].resume, undefined);
});

test('unsubscribe sends unsubscribe and resolves on unsubscribed; later frames are ignored', async () => {
  const socket = await openV2();
  const tasks = client.subscribe(TASKS);
  socket.push({ type: 'subscribed', id: tasks.id, position: 'p1' });

  let resolved = false;
  const done = tasks.unsubscribe().then(() => { resolved = true; });
  socket.push({ type: 'broadcast', id: tasks.id, model: 'todolist.Task', action: 'CREATED', instance: { id: 5 }, version: 1, position: 'p2' });
  await settle();
  assert.equal(resolved, false);
  socket.push({ type: 'unsubscribed', id: tasks.id });
  await done;

  assert.deepEqual(socket.sentOfType('unsubscribe'), [{ type: 'unsubscribe', id: tasks.id }]);
  assert.equal(tasks.collection.size, 0);
  assert.equal(tasks.state, 'closed');
});

test('a refused subscribe fails and is not sent again after a reconnect', async () => {
  const first = await openV2();
  const task = client.subscribe({ model: 'todolist.Task', action: 'retrieve', lookup_by: 404 });
  const errors = [];
  task.on('error', (error) => errors.push(`${error.code} ${error.message}`));

  first.push({ type: 'error', id: task.id, code: 404, message: 'Instance not found.' });
  first.drop();
  const second = await until(() => FakeSocket.made.length === 2 && FakeSocket.latest());
  second.accept('rest-live.v2');

  assert.deepEqual(errors, ['404 Instance not found.']);
  assert.equal(task.state, 'failed');
  assert.deepEqual(second.sent, []);
});

test('a subscribe refused for a passing reason (503) is sent again after a delay', async () => {
  const socket = await openV2();
  const task = client.subscribe({ model: 'todolist.Task', action: 'retrieve', lookup_by: 1 });

  socket.push({ type: 'error', id: task.id, code: 503, message: 'Subscriptions are unavailable' });

  await until(() => socket.sentOfType('subscribe').length === 2);
  assert.equal(task.state, 'pending');
});

test('revoked ends the subscription with the reason', async () => {
  const socket = await openV2();
  const tasks = client.subscribe(TASKS);
  socket.push({ type: 'subscribed', id: tasks.id, position: 'p1' });
  let revoked;
  tasks.on('revoked', (error) => { revoked = error; });

  socket.push({ type: 'revoked', id: tasks.id, code: 403, message: 'Unauthorized to subscribe to todolist.Task for action list' });

  assert.equal(revoked.code, 403);
  assert.equal(tasks.state, 'revoked');
});

test('a subscription made before the connection opens is sent when it does', async () => {
  open();
  const tasks = client.subscribe(TASKS);
  const socket = await until(() => FakeSocket.latest());

  socket.accept('rest-live.v2');

  assert.equal(socket.sentOfType('subscribe')[0].id, tasks.id);
});

test('with protocol v2 required, a server that does not choose it is an error', async () => {
  open({ protocol: 'v2' });
  const errors = [];
  client.on('error', (error) => errors.push(error.message));
  const socket = await until(() => FakeSocket.latest());

  socket.accept('');

  assert.match(errors[0], /does not speak rest-live\.v2/);
  assert.equal(socket.readyState, 3);
});

test('close stops reconnecting and ends every subscription', async () => {
  const socket = await openV2();
  const tasks = client.subscribe(TASKS);

  client.close();
  await settle();

  assert.equal(client.status, 'closed');
  assert.equal(tasks.state, 'closed');
  assert.equal(socket.readyState, 3);
  assert.equal(FakeSocket.made.length, 1);
});
