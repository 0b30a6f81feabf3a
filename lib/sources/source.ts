import type { Post } from '../post';

/**
 * Where a source can resume from; plain JSON so it can be checkpointed.
 * Each source defines its own fields (replay: `{ line }`, Jetstream: `{ cursor }`).
 */
export type SourcePosition = Record<string, unknown>;

export type SourceState = 'starting' | 'live' | 'reconnecting' | 'ended' | 'failed' | 'stopped';

/** A record that could not be used: counted, reported, skipped. */
export interface SourceIssue {
  /** `malformed`, `oversized`, `unknown`, `connection` ... */
  kind: string;
  message: string;
  /** 1-based line number for file sources. */
  line?: number;
}

export interface SourceHandlers {
  /** A chunk of posts, in source order, and the position just after the last of them. */
  onPosts(posts: Post[], position: SourcePosition): void;
  onIssue(issue: SourceIssue): void;
  onState(state: SourceState, detail?: string): void;
  /** A finite source is exhausted. */
  onEnd(): void;
}

/**
 * The one interface every source implements (demo, replay file, live websocket, directory, TCP),
 * so the worker does not care where posts come from.
 */
export interface Source {
  /** `demo`, `replay`, `bluesky`, `mastodon`, `x`, `dir`, `tcp`. */
  readonly kind: string;
  /** Begins emitting; `from` is a position from an earlier run's checkpoint. */
  start(handlers: SourceHandlers, from?: SourcePosition | null): void;
  stop(): Promise<void>;
  /** Sources that filter on the server side (X rules) follow the tracked keywords. */
  setKeywords?(queries: string[]): void;
}
