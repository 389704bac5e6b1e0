// A WebSocket the test plays the server of: it records what the client sends and lets the test open,
// answer and close it. Every socket the client creates is in FakeSocket.made, newest last.

export class FakeSocket {
  static made = [];

  static latest() {
    return FakeSocket.made[FakeSocket.made.length - 1];
  }

  static reset() {
    FakeSocket.made = [];
  }

  constructor(url, protocols) {
    this.url = url;
    this.protocols = protocols === undefined ? [] : [].concat(protocols);
    this.readyState = 0;
    this.protocol = '';
    this.sent = [];
    this.onopen = null;
    this.onmessage = null;
    this.onclose = null;
    this.onerror = null;
    FakeSocket.made.push(this);
  }

  send(text) {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(text));
  }

  close(code = 1005, reason = '') {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }

  // --- the server's side

  /** Completes the handshake; `protocol` is the subprotocol the server chose ('' for none). */
  accept(protocol = this.protocols.includes('rest-live.v2') ? 'rest-live.v2' : '') {
    this.readyState = 1;
    this.protocol = protocol;
    this.onopen?.({});
  }

  /** Fails the handshake, as a server that is down (or a v1 server, with `ws`) does. */
  refuse() {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code: 1006, reason: '' });
  }

  push(frame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  sentOfType(type) {
    return this.sent.filter((message) => message.type === type);
  }
}

/** Waits until `condition()` is truthy, for at most `ms`. */
export async function until(condition, ms = 2000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Lets pending microtasks and zero-delay timers run. */
export function settle() {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

export const FAST = { initialDelayMs: 1, maxDelayMs: 4, random: () => 0.5 };
