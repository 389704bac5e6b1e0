/**
 * The part of the WebSocket API the client uses. Browsers' (and Node 22's) global `WebSocket` has it, and so
 * does the `ws` package's, which Node 20 needs: pass it as the `WebSocket` option.
 */
export interface SocketLike {
  readonly readyState: number;
  /** The subprotocol the server chose; empty when it chose none. */
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A WebSocket constructor: the browser's, or `ws`'s. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => unknown;

/** `readyState` of an open socket. */
export const OPEN = 1;

/** The constructor to use: the given one, else the global one. */
export function webSocketConstructor(given?: WebSocketConstructor): WebSocketConstructor {
  const found = given ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!found) {
    throw new TypeError(
      '@rest-live/client: there is no global WebSocket (Node < 22): pass one, e.g. connect({ url, WebSocket: require("ws") })',
    );
  }
  return found;
}

/**
 * The URL to open: `url` made absolute against the page's location when it is a path (`/ws/subscribe/`), with
 * the token as the `access_token` query parameter (a browser cannot set an `Authorization` header on a
 * WebSocket, so the edge accepts it there).
 */
export function socketUrl(url: string, token: string | undefined): string {
  const location = (globalThis as { location?: { protocol: string; host: string } }).location;
  let absolute: URL;
  if (url.startsWith('/') && location) {
    absolute = new URL(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${url}`);
  } else {
    absolute = new URL(url);
  }
  if (token) {
    absolute.searchParams.set('access_token', token);
  }
  return absolute.toString();
}
