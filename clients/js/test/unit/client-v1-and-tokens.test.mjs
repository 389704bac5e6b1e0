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

const TASKS = { model: 'todolist.Task', action: 'list' };
const broadcast = (id, action, instance) => ({ type: 'broadcast', id, model: 'todolist.Task', action, instance });

test('auto falls back to v1 when the server chooses no subprotocol, and then applies plain broadcasts', async () => {
  open();
  const socket = await until(() => FakeSocket.latest());
  socket.accept('');
  const tasks = client.subscribe(TASKS);

  socket.push(broadcast(tasks.id, 'CREATED', { id: 1, text: 'milk' }));
  socket.push(broadcast(tasks.id, 'UPDATED', { id: 1, text: 'eggs' }));

  assert.equal(client.protocol, 'v1');
  assert.deepEqual(socket.sent, [{ type: 'subscribe', id: tasks.id, model: 'todolist.Task', action: 'list' }]);
  assert.equal(tasks.state, 'live', 'v1 has no acknowledgement: live once sent');
  assert.deepEqual(tasks.items, [{ id: 1, text: 'eggs' }]);
});

test('auto retries at once without the subprotocol when a v2 handshake fails', async () => {
  open();
  const first = await until(() => FakeSocket.latest());

  first.refuse();
  const second = await until(() => FakeSocket.made.length === 2 && FakeSocket.latest());
  second.accept('');

  assert.deepEqual(first.protocols, ['rest-live.v2']);
  assert.deepEqual(second.protocols, []);
  assert.equal(client.protocol, 'v1');
});

test('with protocol v1 it never asks for v2', async () => {
  open({ protocol: 'v1' });
  const socket = await until(() => FakeSocket.latest());

  assert.deepEqual(socket.protocols, []);
});

test('on v1 the initial loader fills the collection and broadcasts that arrived meanwhile apply on top', async () => {
  open({ protocol: 'v1' });
  const socket = await until(() => FakeSocket.latest());
  socket.accept('');
  let answer;
  const tasks = client.subscribe({ ...TASKS, initial: () => new Promise((resolve) => { answer = resolve; }) });

  socket.push(broadcast(tasks.id, 'UPDATED', { id: 1, text: 'changed while loading' }));
  socket.push(broadcast(tasks.id, 'CREATED', { id: 3, text: 'created while loading' }));
  assert.equal(tasks.state, 'pending');
  await until(() => answer);
  answer([{ id: 1, text: 'loaded' }, { id: 2, text: 'loaded' }]);
  await until(() => tasks.state === 'live');

  assert.deepEqual(tasks.items, [
    { id: 1, text: 'changed while loading' }, { id: 2, text: 'loaded' }, { id: 3, text: 'created while loading' }]);
});

test('on v1 a reconnect subscribes again and loads again', async () => {
  open({ protocol: 'v1' });
  const first = await until(() => FakeSocket.latest());
  first.accept('');
  let loads = 0;
  const tasks = client.subscribe({ ...TASKS, initial: async () => [{ id: ++loads }] });
  await until(() => tasks.state === 'live');

  first.drop();
  const second = await until(() => FakeSocket.made.length === 2 && FakeSocket.latest());
  second.accept('');
  await until(() => tasks.state === 'live');

  assert.equal(second.sentOfType('subscribe').length, 1);
  assert.deepEqual(tasks.items, [{ id: 2 }]);
});

test('an initial loader that fails is reported and the broadcasts still apply', async () => {
  open({ protocol: 'v1' });
  const socket = await until(() => FakeSocket.latest());
  socket.accept('');
  const tasks = client.subscribe({ ...TASKS, initial: async () => { throw new Error('HTTP 500'); } });
  const errors = [];
  tasks.on('error', (error) => errors.push(error.message));

  await until(() => tasks.state === 'live');
  socket.push(broadcast(tasks.id, 'CREATED', { id: 1 }));

  assert.deepEqual(errors, ['initial load failed: HTTP 500']);
  assert.equal(tasks.collection.size, 1);
});

test('the token goes in the access_token parameter, fresh from the provider on each connect', async () => {
  let issued = 0;
  open({ token: async () => `token-${++issued}` });
  const first = await until(() => FakeSocket.latest());
  first.accept('rest-live.v2');
  first.drop();
  const second = await until(() => FakeSocket.made.length === 2 && FakeSocket.latest());

  assert.equal(new URL(first.url).searchParams.get('access_token'), 'token-1');
  assert.equal(new URL(second.url).searchParams.get('access_token'), 'token-2');
});

test('on token_expiring it asks the provider for a fresh token and sends auth', async () => {
  let issued = 0;
  open({ token: () => `token-${++issued}` });
  const socket = await until(() => FakeSocket.latest());
  socket.accept('rest-live.v2');
  const authenticated = [];
  client.on('authenticated', ({ expiresAt }) => authenticated.push(expiresAt));

  socket.push({ type: 'token_expiring', expires_at: 1000 });
  await until(() => socket.sentOfType('auth').length === 1);
  socket.push({ type: 'authenticated', expires_at: 2000 });

  assert.deepEqual(socket.sentOfType('auth'), [{ type: 'auth', token: 'token-2' }]);
  assert.deepEqual(authenticated, [2000]);
});

test('an expired token with a provider: expired is reported and it reconnects with a fresh token', async () => {
  let issued = 0;
  open({ token: () => `token-${++issued}` });
  const socket = await until(() => FakeSocket.latest());
  socket.accept('rest-live.v2');
  let expired = 0;
  client.on('expired', () => expired++);

  socket.push({ type: 'expired' });
  socket.drop(4003, 'token expired');
  const second = await until(() => FakeSocket.made.length === 2 && FakeSocket.latest());

  assert.equal(expired, 1);
  assert.equal(new URL(second.url).searchParams.get('access_token'), 'token-2');
});

test('an expired fixed token: expired is reported and the client closes', async () => {
  open({ token: 'fixed' });
  const socket = await until(() => FakeSocket.latest());
  socket.accept('');
  const tasks = client.subscribe(TASKS);
  let expired = 0;
  client.on('expired', () => expired++);

  socket.drop(4003, 'token expired');
  await settle();

  assert.equal(expired, 1);
  assert.equal(client.status, 'closed');
  assert.equal(tasks.state, 'closed');
  assert.equal(FakeSocket.made.length, 1);
});

test('a connection error from the server (id null) is a client error', async () => {
  open();
  const socket = await until(() => FakeSocket.latest());
  socket.accept('rest-live.v2');
  const errors = [];
  client.on('error', (error) => errors.push([error.code, error.message]));

  socket.push({ type: 'error', id: null, code: 401, message: 'token refused' });

  assert.deepEqual(errors, [[401, 'token refused']]);
});

test('the reconnect delay grows while connections fail and starts over after a stable one', async () => {
  open({ protocol: 'v1', backoff: { initialDelayMs: 1, maxDelayMs: 1000, random: () => 0.999 }, stableAfterMs: 20 });
  const delays = [];
  client.on('close', ({ reconnectInMs }) => delays.push(reconnectInMs));
  for (let n = 1; n <= 3; n++) {
    const socket = await until(() => FakeSocket.made.length === n && FakeSocket.latest());
    socket.refuse();
  }
  const stable = await until(() => FakeSocket.made.length === 4 && FakeSocket.latest());
  stable.accept('');
  await new Promise((resolve) => setTimeout(resolve, 30));
  stable.drop();

  assert.deepEqual(delays, [1, 2, 4, 1]);
});

test('a listener that throws does not break the client', async () => {
  open({ protocol: 'v1' });
  const socket = await until(() => FakeSocket.latest());
  socket.accept('');
  const tasks = client.subscribe(TASKS);
  const seen = [];
  const originalError = console.error;
  console.error = () => undefined;
  try {
    tasks.on('change', () => { throw new Error('app bug'); });
    tasks.on('change', (change) => seen.push(change.key));
    socket.push(broadcast(tasks.id, 'CREATED', { id: 1 }));
  } finally {
    console.error = originalError;
  }

  assert.deepEqual(seen, [1]);
  assert.equal(tasks.collection.size, 1);
});
