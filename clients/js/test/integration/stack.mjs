// What the integration tests share: the stack's addresses (from the environment JsClientIT sets), the
// todolist REST API, a `ws` WebSocket that records every frame, and a probe of what the server speaks.
import assert from 'node:assert/strict';
import WebSocket from 'ws';

export const WS_URL = required('REST_LIVE_WS_URL');
export const APP_URL = required('REST_LIVE_APP_URL');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: these tests run against a real stack (e2e-tests JsClientIT)`);
  return value;
}

/** The todolist app's REST API. */
export const api = {
  async call(method, path, body) {
    const response = await fetch(new URL(path, APP_URL), {
      method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: HTTP ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  },
  newList: (name) => api.call('POST', '/api/lists/', { name }),
  newTask: (list, text) => api.call('POST', '/api/tasks/', { list, text }),
  patchTask: (id, fields) => api.call('PATCH', `/api/tasks/${id}/`, fields),
  deleteTask: (id) => api.call('DELETE', `/api/tasks/${id}/`),
  tasksOf: async (list) => (await api.call('GET', '/api/tasks/')).filter((task) => task.list === list)
    .map(({ id, text, done }) => ({ id, text, done })),
};

/**
 * `ws`'s WebSocket, recording every frame received and message sent, so that a test can tell what the server
 * said apart from what the client made of it. `Recording.sockets` holds every socket made, newest last.
 */
export class Recording extends WebSocket {
  static sockets = [];

  constructor(url, protocols) {
    super(url, protocols);
    this.received = [];
    this.sentMessages = [];
    this.on('message', (data, isBinary) => { if (!isBinary) this.received.push(JSON.parse(data.toString())); });
    Recording.sockets.push(this);
  }

  send(data, ...rest) {
    this.sentMessages.push(JSON.parse(data));
    return super.send(data, ...rest);
  }

  static latest() {
    return Recording.sockets[Recording.sockets.length - 1];
  }

  /** Every frame received by any socket, in order. */
  static frames() {
    return Recording.sockets.flatMap((socket) => socket.received);
  }
}

/** Whether the server answers a handshake that asks for rest-live.v2 with it (the edge's v2 support). */
export function serverSpeaksV2() {
  return new Promise((resolve) => {
    const socket = new WebSocket(WS_URL, ['rest-live.v2']);
    socket.on('open', () => {
      resolve(socket.protocol === 'rest-live.v2');
      socket.close();
    });
    // `ws` fails a handshake whose answer names no subprotocol: a v1 server.
    socket.on('error', () => resolve(false));
  });
}

/** Waits until `condition()` is truthy (polling), for at most `ms`; fails with `what`. */
export async function until(what, condition, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The next `event` of `emitter`, or undefined after `ms`. */
export function nextEvent(emitter, event, ms = 30_000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      remove();
      resolve(undefined);
    }, ms);
    const remove = emitter.once(event, (payload) => {
      clearTimeout(timer);
      resolve(payload ?? true);
    });
  });
}

/** A list of its own per test, so tests never see each other's tasks. */
export async function freshList(t) {
  return (await api.newList(`${t.name}`.slice(0, 60))).id;
}

/** The task fields the view serializes. */
export const viewed = ({ id, text, done }) => ({ id, text, done });

export const FAST_BACKOFF = { initialDelayMs: 100, maxDelayMs: 1000 };
