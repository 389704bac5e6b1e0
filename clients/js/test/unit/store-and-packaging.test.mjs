import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { connect, liveStore } from '../../dist/esm/index.js';
import { FakeSocket, until } from './fake-socket.mjs';

test('the store returns the same snapshot until the subscription changes', async () => {
  FakeSocket.reset();
  const client = connect({ url: 'ws://edge/', WebSocket: FakeSocket, protocol: 'v1' });
  try {
    const socket = await until(() => FakeSocket.latest());
    socket.accept('');
    const tasks = client.subscribe({ model: 'todolist.Task', action: 'list' });
    const store = liveStore(tasks);
    let notified = 0;
    const stop = store.subscribe(() => notified++);

    const before = store.getSnapshot();
    assert.equal(store.getSnapshot(), before);
    socket.push({ type: 'broadcast', id: tasks.id, model: 'todolist.Task', action: 'CREATED', instance: { id: 1 } });
    const after = store.getSnapshot();

    assert.notEqual(after, before);
    assert.deepEqual(after.items, [{ id: 1 }]);
    assert.equal(after.state, 'live');
    assert.ok(Object.isFrozen(after.items));
    assert.equal(notified, 1);
    stop();
  } finally {
    client.close();
  }
});

test('the CommonJS build loads with require, and the main entry never imports react', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('../../dist/cjs/index.js');
  assert.equal(typeof cjs.connect, 'function');
  assert.equal(typeof cjs.LiveCollection, 'function');

  for (const file of ['client', 'subscription', 'collection', 'store', 'index']) {
    const source = readFileSync(new URL(`../../dist/esm/${file}.js`, import.meta.url), 'utf8');
    assert.doesNotMatch(source, /from 'react'/, `${file}.js imports react`);
  }
});

test('without a global WebSocket and none given, connect says what to pass', () => {
  assert.equal(globalThis.WebSocket, undefined, 'this test is for Node < 22');

  assert.throws(() => connect({ url: 'ws://edge/' }), /pass one/);
});
