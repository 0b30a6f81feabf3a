'use client';

import { useEffect, useReducer } from 'react';
import type { BatchProcessed, SourceStatus, StateSnapshot, StreamSettings } from '../lib/contract';
import type { ScoredPost, WindowSnapshot } from '../lib/stream/snapshot';
import { getSocket, type DashboardSocket } from './socket';

/** Windows kept for the charts (at the default 5 s slide, ten minutes). */
export const MAX_WINDOWS = 120;
/** Posts kept for the live feed. */
export const MAX_FEED_POSTS = 60;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface StreamView {
  connection: ConnectionState;
  settings: StreamSettings | null;
  /** Oldest first; the last is the current window. */
  windows: WindowSnapshot[];
  tracked: string[];
  status: SourceStatus | null;
  /** Newest first. */
  posts: ScoredPost[];
  lastBatch: BatchProcessed | null;
  canControl: boolean;
}

type Action =
  | { type: 'connection'; value: ConnectionState }
  | { type: 'snapshot'; value: StateSnapshot }
  | { type: 'window'; value: WindowSnapshot }
  | { type: 'posts'; value: ScoredPost[] }
  | { type: 'status'; value: SourceStatus }
  | { type: 'tracked'; value: string[] }
  | { type: 'batch'; value: BatchProcessed };

const initial: StreamView = {
  connection: 'connecting',
  settings: null,
  windows: [],
  tracked: [],
  status: null,
  posts: [],
  lastBatch: null,
  canControl: false,
};

function reduce(state: StreamView, action: Action): StreamView {
  switch (action.type) {
    case 'connection':
      return { ...state, connection: action.value };
    case 'snapshot': {
      const s = action.value;
      return {
        ...state,
        settings: s.settings,
        windows: s.windows.slice(-MAX_WINDOWS),
        tracked: s.tracked,
        status: s.status,
        posts: s.posts.slice(0, MAX_FEED_POSTS),
        lastBatch: s.lastBatch,
        canControl: s.canControl,
      };
    }
    case 'window': {
      const w = action.value;
      // A window re-sent after a reconnect replaces the one with the same end.
      const kept = state.windows.filter((x) => x.end < w.end);
      return { ...state, windows: [...kept, w].slice(-MAX_WINDOWS) };
    }
    case 'posts':
      return { ...state, posts: [...action.value, ...state.posts].slice(0, MAX_FEED_POSTS) };
    case 'status':
      return { ...state, status: action.value };
    case 'tracked':
      return { ...state, tracked: action.value };
    case 'batch':
      return { ...state, lastBatch: action.value };
  }
}

type Listen = DashboardSocket['on'];

/** Adds a named handler and returns the function that removes exactly it. */
function listen(socket: DashboardSocket, ...[event, handler]: Parameters<Listen>): () => void {
  socket.on(event, handler);
  return () => {
    socket.off(event, handler);
  };
}

/**
 * Subscribes to the server's pushes and keeps what the dashboard shows. Each handler is named so
 * the cleanup removes exactly it (a second mount, as in React's strict mode, does not double it).
 */
export function useStream(): StreamView {
  const [state, dispatch] = useReducer(reduce, initial);

  useEffect(() => {
    const socket = getSocket();
    const onConnect = () => dispatch({ type: 'connection', value: 'connected' });
    const onDisconnect = () => dispatch({ type: 'connection', value: 'reconnecting' });
    const onSnapshot = (value: StateSnapshot) => dispatch({ type: 'snapshot', value });
    const onWindow = (value: WindowSnapshot) => dispatch({ type: 'window', value });
    const onPosts = (value: ScoredPost[]) => dispatch({ type: 'posts', value });
    const onStatus = (value: SourceStatus) => dispatch({ type: 'status', value });
    const onTracked = (value: string[]) => dispatch({ type: 'tracked', value });
    const onBatch = (value: BatchProcessed) => dispatch({ type: 'batch', value });

    // Each subscription hands back its own removal, so the cleanup can never miss one.
    const subscriptions = [
      listen(socket, 'connect', onConnect),
      listen(socket, 'disconnect', onDisconnect),
      listen(socket, 'connect_error', onDisconnect),
      listen(socket, 'state:snapshot', onSnapshot),
      listen(socket, 'window:updated', onWindow),
      listen(socket, 'posts:sampled', onPosts),
      listen(socket, 'source:status', onStatus),
      listen(socket, 'tracked:changed', onTracked),
      listen(socket, 'batch:processed', onBatch),
    ];
    if (socket.connected) onConnect();
    else socket.connect();

    return () => {
      for (const unsubscribe of subscriptions) unsubscribe();
    };
  }, []);

  return state;
}
