// Protocol v2 against the real stack (docs/protocol.md, "Protocol v2"). A test whose feature the server does
// not offer yet skips, naming the feature, when the server's answers show it is missing.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { connect } from '../../dist/esm/index.js';
import {
  FAST_BACKOFF, Recording, WS_URL, api, freshList, nextEvent, serverSpeaksV2, until, viewed,
} from './stack.mjs';

let client;
beforeEach(() => { Recording.sockets = []; });
afterEach(() => client?.close());

const TIMEOUT = { timeout: 180_000 };
/** How long a server that has a feature may take to show it; longer means it does not have it. */
const FEATURE_WAIT_MS = 20_000;
const TASKS = 'todolist.Task';

/** Skips `t` with the missing server feature named; returns true so a test can `return skipped(...)`. */
function skipped(t, feature, evidence) {
  t.skip(`server lacks ${feature}: ${evidence}`);
  return true;
}

async function requireV2(t) {
  return (await serverSpeaksV2())
    ? false
    : skipped(t, 'protocol v2', 'the edge does not answer a handshake asking for rest-live.v2 with that subprotocol');
}

function framesOf(subscription, type) {
  return Recording.frames().filter((frame) => frame.id === subscription.id && frame.type === type);
}

function connectV2(options = {}) {
  client = connect({ url: WS_URL, WebSocket: Recording, protocol: 'v2', backoff: FAST_BACKOFF, ...options });
  return client;
}

/** Waits for `subscribed`; undefined if the server never sent it. */
async function awaitSubscribed(subscription) {
  if (subscription.state === 'live') return { position: subscription.position };
  return nextEvent(subscription, 'subscribed', FEATURE_WAIT_MS);
}

test('v2: subscribed arrives with a position', TIMEOUT, async (t) => {
  if (await requireV2(t)) return;
  const list = await freshList(t);
  connectV2();
  const tasks = client.subscribe({ model: TASKS, action: 'list', view_kwargs: { list }, snapshot: false });

  const subscribed = await awaitSubscribed(tasks);
  if (!subscribed) return skipped(t, 'the subscribed acknowledgement', `no subscribed frame within ${FEATURE_WAIT_MS} ms`);

  assert.equal(client.protocol, 'v2');
  assert.equal(tasks.state, 'live');
  const [frame] = framesOf(tasks, 'subscribed');
  assert.equal(typeof frame.position, 'string', `subscribed carries a position: ${JSON.stringify(frame)}`);
  assert.equal(tasks.position, frame.position);
});

test('v2: a snapshot of the list, then live changes on top of it', TIMEOUT, async (t) => {
  if (await requireV2(t)) return;
  const list = await freshList(t);
  const first = await api.newTask(list, 'first');
  const second = await api.newTask(list, 'second');
  connectV2();
  const tasks = client.subscribe({ model: TASKS, action: 'list', view_kwargs: { list } });

  if (!(await awaitSubscribed(tasks))) return skipped(t, 'the subscribed acknowledgement', 'none arrived');
  if (framesOf(tasks, 'snapshot').length === 0) {
    return skipped(t, 'snapshot', 'it answered a subscribe with "snapshot": true by subscribed, without snapshot frames');
  }

  assert.deepEqual(tasks.items, [viewed(first), viewed(second)]);
  assert.ok(framesOf(tasks, 'snapshot').at(-1).last, 'the last page says so');
  for (const task of [first, second]) {
    assert.equal(typeof tasks.collection.versionOf(task.id), 'number', `snapshot item ${task.id} has a version`);
  }
  const third = await api.newTask(list, 'third');
  await until('the live change', () => tasks.collection.has(third.id));
  assert.deepEqual(tasks.items.map((task) => task.id), [first.id, second.id, third.id]);
});

test('v2: a snapshot of one instance for a retrieve', TIMEOUT, async (t) => {
  if (await requireV2(t)) return;
  const list = await freshList(t);
  const task = await api.newTask(list, 'the one');
  connectV2();
  const one = client.subscribe({ model: TASKS, action: 'retrieve', lookup_by: task.id });

  if (!(await awaitSubscribed(one))) return skipped(t, 'the subscribed acknowledgement', 'none arrived');
  if (framesOf(one, 'snapshot').length === 0) return skipped(t, 'snapshot', 'subscribed came without snapshot frames');

  assert.deepEqual(one.instance, viewed(task));
  await api.patchTask(task.id, { done: true });
  await until('the update', () => one.instance?.done === true);
});

test('v2: every broadcast carries a version that grows with each change of the instance', TIMEOUT, async (t) => {
  if (await requireV2(t)) return;
  const list = await freshList(t);
  connectV2();
  const tasks = client.subscribe({ model: TASKS, action: 'list', view_kwargs: { list }, snapshot: false });
  if (!(await awaitSubscribed(tasks))) return skipped(t, 'the subscribed acknowledgement', 'none arrived');

  const task = await api.newTask(list, 'v1');
  await api.patchTask(task.id, { text: 'v2' });
  await api.patchTask(task.id, { text: 'v3' });
  await until('the last update', () => tasks.collection.get(task.id)?.text === 'v3');

  const versions = framesOf(tasks, 'broadcast').map((frame) => frame.version);
  if (versions.every((version) => version === undefined)) {
    return skipped(t, 'versions', 'its broadcasts carry no "version"');
  }
  assert.equal(versions.length, 3);
  assert.ok(versions[0] < versions[1] && versions[1] < versions[2], `growing versions: ${versions}`);
  assert.equal(tasks.collection.versionOf(task.id), versions[2]);
  assert.ok(framesOf(tasks, 'broadcast').every((frame) => typeof frame.position === 'string'), 'each has a position');
});

test('v2: after a dropped connection the subscription resumes: the missed changes arrive, nothing is loaded again', TIMEOUT, async (t) => {
  if (await requireV2(t)) return;
  const list = await freshList(t);
  const kept = await api.newTask(list, 'kept');
  const removed = await api.newTask(list, 'removed while away');
  // The token provider is awaited before each connect: the test holds the reconnect there while it changes data.
  let release = () => undefined;
  let gate = Promise.resolve();
  connectV2({ token: async () => { await gate; return undefined; } });
  const tasks = client.subscribe({ model: TASKS, action: 'list', view_kwargs: { list } });
  if (!(await awaitSubscribed(tasks))) return skipped(t, 'the subscribed acknowledgement', 'none arrived');
  if (tasks.position === undefined) return skipped(t, 'positions', 'subscribed carried no position to resume from');
  const position = tasks.position;

  // when: the connection dies (as a network does: no close frame), and changes happen meanwhile
  gate = new Promise((resolve) => { release = resolve; });
  const dropped = Recording.latest();
  dropped.terminate();
  await until('the client notices', () => client.status === 'reconnecting');
  await api.deleteTask(removed.id);
  const added = await api.newTask(list, 'added while away');
  await api.patchTask(kept.id, { done: true });
  const resets = [];
  tasks.on('reset', ({ reason }) => resets.push(reason));
  release();

  // then
  await until('live again', () => tasks.state === 'live' && Recording.latest() !== dropped, 60_000);
  const resubscribe = Recording.latest().sentMessages.find((message) => message.type === 'subscribe');
  assert.equal(resubscribe.resume, position, 'it resumes from the last position it had');
  assert.equal(resubscribe.snapshot, undefined, 'and asks for no snapshot');
  if (resets.length === 0 && Recording.latest().received.filter((frame) => frame.type === 'broadcast').length === 0) {
    return skipped(t, 'resume', 'it answered a subscribe with "resume" by subscribed, without the frames missed since');
  }
  // A reset is for a position the processor no longer has (trimmed history, rebuilt state): not the case here.
  assert.deepEqual(resets, [], 'the subscription resumed rather than being reset');
  assert.deepEqual(Recording.latest().received.filter((frame) => frame.type === 'snapshot'), [], 'nothing is loaded again');
  await until('the missed changes', () => tasks.collection.has(added.id) && !tasks.collection.has(removed.id)
    && tasks.collection.get(kept.id)?.done === true);
  assert.deepEqual(tasks.items.sort((a, b) => a.id - b.id), (await api.tasksOf(list)).sort((a, b) => a.id - b.id));
});

test('v2: unsubscribe is answered by unsubscribed, and no frame of it follows', TIMEOUT, async (t) => {
  if (await requireV2(t)) return;
  const list = await freshList(t);
  connectV2();
  const leaving = client.subscribe({ model: TASKS, action: 'list', view_kwargs: { list }, snapshot: false });
  const staying = client.subscribe({ model: TASKS, action: 'list', view_kwargs: { list }, snapshot: false });
  if (!(await awaitSubscribed(leaving)) || !(await awaitSubscribed(staying))) {
    return skipped(t, 'the subscribed acknowledgement', 'none arrived');
  }

  const answered = await Promise.race([
    leaving.unsubscribe().then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), FEATURE_WAIT_MS)),
  ]);
  if (!answered) return skipped(t, 'the unsubscribed answer', `no unsubscribed frame within ${FEATURE_WAIT_MS} ms`);

  const task = await api.newTask(list, 'after unsubscribe');
  await until('the staying subscription sees it', () => staying.collection.has(task.id));
  assert.deepEqual(framesOf(leaving, 'broadcast'), []);
  assert.equal(leaving.state, 'closed');
});

test('v2: on token_expiring the client sends a fresh token and the edge accepts it', TIMEOUT, async (t) => {
  if (await requireV2(t)) return;
  const secret = process.env.REST_LIVE_JWT_SECRET;
  if (!secret) return t.skip('REST_LIVE_JWT_SECRET is not set');
  // A token that expires in 65 s is inside the edge's 60 s warning window within seconds.
  let issued = 0;
  connectV2({ token: () => { issued++; return jwt(secret, 'client-it', 65); } });
  const tokenExpiring = nextEvent(client, 'tokenExpiring', FEATURE_WAIT_MS);
  const authenticated = nextEvent(client, 'authenticated', FEATURE_WAIT_MS + 10_000);
  await until('a connection', () => client.protocol);

  if (!(await tokenExpiring)) return skipped(t, 'token_expiring', `no warning within ${FEATURE_WAIT_MS} ms of a token 65 s from expiry`);
  const answer = await authenticated;
  if (!answer) return skipped(t, 'auth', 'the client sent auth with a fresh token and got no authenticated answer');

  assert.equal(issued, 2, 'one token to connect, a fresh one for auth');
  assert.ok(Recording.latest().sentMessages.some((message) => message.type === 'auth'));
  assert.ok(answer.expiresAt > Date.now() / 1000 + 30, `the new expiry: ${answer.expiresAt}`);
});

function jwt(secret, subject, expiresInSeconds) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: subject, exp: Math.floor(Date.now() / 1000) + expiresInSeconds })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
