import { describe, expect, it } from 'vitest';
import type { SourceIssue, SourceState } from '../../lib/sources/source';
import { Reconnector, guardHandlers } from '../../server/sources/backoff';
import { record, waitFor } from '../fixtures/live-helpers';

function reconnector(options: ConstructorParameters<typeof Reconnector>[0] = {}) {
  const states: [SourceState, string | undefined][] = [];
  const issues: SourceIssue[] = [];
  let connects = 0;
  const r = new Reconnector(
    { backoff: { baseMs: 4, capMs: 16, stableMs: 1_000 }, random: () => 0.5, ...options },
    () => connects++,
    () => ({ onState: (s, d) => states.push([s, d]), onIssue: (issue) => issues.push(issue) }),
  );
  return { r, states, issues, connects: () => connects };
}

describe('Reconnector', () => {
  it('reports reconnecting with the delay and reconnects once per drop', async () => {
    const { r, states, issues, connects } = reconnector();
    r.dropped('closed');
    r.dropped('error after close'); // the same drop seen twice (error + close) schedules one attempt
    await waitFor(() => connects() === 1, 'one reconnect');
    expect(states).toEqual([['reconnecting', 'closed; retry 1 in 2 ms']]);
    expect(issues).toEqual([{ kind: 'connection', message: 'closed' }]);
    r.stop();
  });

  it('honours a server-given minimum delay', () => {
    const { r, states } = reconnector();
    r.dropped('429', 5_000);
    expect(states[0]?.[1]).toBe('429; retry 1 in 5000 ms');
    r.stop();
  });

  it('stop cancels a scheduled attempt', async () => {
    const { r, connects } = reconnector({ backoff: { baseMs: 20, capMs: 20, stableMs: 1_000 } });
    r.dropped('closed');
    r.stop();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(connects()).toBe(0);
    expect(r.isStopped).toBe(true);
  });

  it('fails after maxAttempts, and fail() is final without retry', async () => {
    const { r, states, connects } = reconnector({ backoff: { baseMs: 1, capMs: 1, stableMs: 1_000, maxAttempts: 1 } });
    r.dropped('a');
    await waitFor(() => connects() === 1, 'first retry');
    r.dropped('b');
    expect(states.map((s) => s[0])).toEqual(['reconnecting', 'failed']);
    const other = reconnector();
    other.r.fail('401');
    expect(other.states).toEqual([['failed', '401']]);
    expect(other.issues).toEqual([{ kind: 'connection', message: '401' }]);
  });
});

describe('guardHandlers', () => {
  it('turns a throwing handler into a handler issue instead of an exception', () => {
    const rec = record();
    const guarded = guardHandlers({
      ...rec.handlers,
      onPosts: () => {
        throw new Error('worker bug');
      },
    });
    expect(() => guarded.onPosts([], {})).not.toThrow();
    expect(rec.issues).toEqual([{ kind: 'handler', message: 'onPosts threw: worker bug' }]);
  });

  it('swallows a throwing onIssue (there is nowhere left to report)', () => {
    const rec = record();
    const guarded = guardHandlers({
      ...rec.handlers,
      onIssue: () => {
        throw new Error('broken');
      },
      onState: () => {
        throw new Error('also broken');
      },
    });
    expect(() => guarded.onState('live')).not.toThrow();
    expect(() => guarded.onIssue({ kind: 'x', message: 'y' })).not.toThrow();
  });
});
