import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents, WindowExplanation } from '../lib/contract';

/** The browser's side of the contract in lib/contract.ts. */
export type DashboardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Where a control token given once as `?token=` is remembered. */
const TOKEN_KEY = 'moodstream-control-token';

/** How long a request waits for its acknowledgement before it reports a timeout, ms. */
const REQUEST_TIMEOUT_MS = 5000;
const TIMEOUT_ERROR = 'The server did not answer; check the connection and try again.';

let socket: DashboardSocket | null = null;

/**
 * A control token opened once with `?token=...` is kept for the tab's later visits, and removed
 * from the address bar so it is not shared by copying the URL.
 */
function controlToken(): string | null {
  try {
    const url = new URL(window.location.href);
    const fromUrl = url.searchParams.get('token');
    if (fromUrl) {
      window.localStorage.setItem(TOKEN_KEY, fromUrl);
      url.searchParams.delete('token');
      window.history.replaceState(null, '', url);
      return fromUrl;
    }
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage can be disabled; then the dashboard is read-only where a token is required.
    return null;
  }
}

/**
 * The one socket of this page, created on first use and connected by useStream. Same origin:
 * the custom server serves the page and Socket.IO on one port.
 */
export function getSocket(): DashboardSocket {
  if (!socket) {
    const token = controlToken();
    socket = io({ autoConnect: false, auth: token ? { token } : {} });
  }
  return socket;
}

/** Sends `track:add` or `track:remove` and resolves with the acknowledgement (never rejects). */
export function requestTrack(event: 'track:add' | 'track:remove', query: string): Promise<Ack<string[]>> {
  return new Promise((resolve) => {
    getSocket()
      .timeout(REQUEST_TIMEOUT_MS)
      .emit(event, query, (err, result) => {
        resolve(err ? { error: TIMEOUT_ERROR } : result);
      });
  });
}

/** Sends `window:explain` for the window ending at `end` (epoch ms); resolves with the acknowledgement (never rejects). */
export function requestWindowExplanation(end: number): Promise<Ack<WindowExplanation>> {
  return new Promise((resolve) => {
    getSocket()
      .timeout(REQUEST_TIMEOUT_MS)
      .emit('window:explain', end, (err, result) => {
        resolve(err ? { error: TIMEOUT_ERROR } : result);
      });
  });
}
