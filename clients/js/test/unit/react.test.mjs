import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement } from 'react';
import TestRenderer from 'react-test-renderer';
import { connect } from '../../dist/esm/index.js';
import { useLiveCollection } from '../../dist/esm/react.js';
import { FakeSocket, until } from './fake-socket.mjs';

// react-test-renderer's act() wants to know it runs in a test environment.
globalThis.IS_REACT_ACT_ENVIRONMENT = true;
const { act, create } = TestRenderer;

function Tasks({ client, list }) {
  const { items, state } = useLiveCollection(client, { model: 'todolist.Task', action: 'list', view_kwargs: { list } });
  return createElement('ul', { 'data-state': state }, items.map((task) => createElement('li', { key: task.id }, task.text)));
}

function rendered(renderer) {
  const list = renderer.root.findByType('ul');
  return { state: list.props['data-state'], texts: list.findAllByType('li').map((item) => item.props.children) };
}

test('useLiveCollection subscribes on mount, re-renders on changes, and unsubscribes on unmount and on a new spec', async () => {
  FakeSocket.reset();
  const client = connect({ url: 'ws://edge/', WebSocket: FakeSocket });
  try {
    const socket = await until(() => FakeSocket.latest());
    socket.accept('rest-live.v2');

    let renderer;
    await act(async () => { renderer = create(createElement(Tasks, { client, list: 1 })); });
    const [subscribe] = socket.sentOfType('subscribe');
    assert.deepEqual(subscribe.view_kwargs, { list: 1 });
    assert.deepEqual(rendered(renderer), { state: 'pending', texts: [] });

    await act(async () => {
      socket.push({ type: 'snapshot', id: subscribe.id, model: 'todolist.Task', items: [{ instance: { id: 1, text: 'milk' }, version: 1 }], last: true });
      socket.push({ type: 'subscribed', id: subscribe.id, position: 'p1' });
      socket.push({ type: 'broadcast', id: subscribe.id, model: 'todolist.Task', action: 'CREATED', instance: { id: 2, text: 'eggs' }, version: 1, position: 'p2' });
    });
    assert.deepEqual(rendered(renderer), { state: 'live', texts: ['milk', 'eggs'] });

    // a new spec: the old subscription ends, a new one starts
    await act(async () => { renderer.update(createElement(Tasks, { client, list: 2 })); });
    assert.deepEqual(socket.sentOfType('unsubscribe'), [{ type: 'unsubscribe', id: subscribe.id }]);
    assert.deepEqual(socket.sentOfType('subscribe').at(-1).view_kwargs, { list: 2 });
    assert.deepEqual(rendered(renderer).texts, []);

    // the same spec again (a new object): nothing is sent
    await act(async () => { renderer.update(createElement(Tasks, { client, list: 2 })); });
    assert.equal(socket.sentOfType('subscribe').length, 2);

    await act(async () => { renderer.unmount(); });
    assert.equal(socket.sentOfType('unsubscribe').length, 2);
  } finally {
    client.close();
  }
});
