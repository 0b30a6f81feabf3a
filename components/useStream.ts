'use client';

import { useEffect, useReducer } from 'react';
import type { BatchProcessed, SourceStatus, StateSnapshot, StreamSettings } from '../lib/contract';
import type { ScoredPost, WindowSnapshot } from '../lib/stream/snapshot';
import { getSocket } from './socket';

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

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onDisconnect);
    socket.on('state:snapshot', onSnapshot);
    socket.on('window:updated', onWindow);
    socket.on('posts:sampled', onPosts);
    socket.on('source:status', onStatus);
    socket.on('tracked:changed', onTracked);
    socket.on('batch:processed', onBatch);
    if (socket.connected) onConnect();
    else socket.connect();

    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onDisconnect);
      socket.off('state:snapshot', onSnapshot);
      socket.off('window:updated', onWindow);
      socket.off('posts:sampled', onPosts);
      socket.off('source:status', onStatus);
      socket.off('tracked:changed', onTracked);
      socket.off('batch:processed', onBatch);
    };
  }, []);

  return state;
}
