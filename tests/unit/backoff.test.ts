import { describe, expect, it } from 'vitest';
import { Backoff } from '../../lib/sources/backoff';

const opts = { baseMs: 100, capMs: 1_000, stableMs: 5_000 };

/** A random source that always answers just below 1, so a delay equals its ceiling (floored). */
const top = () => 0.999_999;

describe('Backoff', () => {
  it('doubles the ceiling per attempt up to the cap (full jitter at random = ~1)', () => {
    const b = new Backoff(opts, top);
    const delays = Array.from({ length: 7 }, (_, i) => b.next(i));
    expect(delays).toEqual([99, 199, 399, 799, 999, 999, 999]);
    expect(b.attempts).toBe(7);
  });

  it('scales the ceiling by random() (full jitter: anywhere in [0, ceiling))', () => {
    const values = [0, 0.5, 0.25, 0.999];
    const b = new Backoff(opts, () => values.shift() ?? 0);
    expect([b.next(0), b.next(0), b.next(0), b.next(0)]).toEqual([0, 100, 100, 799]);
  });

  it.each([
    ['no connection in between', null, 799],
    ['a connection shorter than stableMs', 4_999, 799],
    ['a connection of exactly stableMs', 5_000, 99],
  ] as const)('after 3 failures and %s, the next delay is %i', (_name, upMs, expected) => {
    const b = new Backoff(opts, top);
    for (let i = 0; i < 3; i++) b.next(0);
    if (upMs !== null) b.connected(10);
    expect(b.next(10 + (upMs ?? 0))).toBe(expected);
  });

  it('restarts from the base delay after a stable period', () => {
    const b = new Backoff(opts, top);
    for (let i = 0; i < 6; i++) b.next(0);
    b.connected(1_000);
    expect(b.next(7_000)).toBe(99);
    expect(b.next(7_001)).toBe(199);
  });

  it('gives up after maxAttempts consecutive failures', () => {
    const b = new Backoff({ ...opts, maxAttempts: 2 }, top);
    expect([b.next(0), b.next(0), b.next(0)]).toEqual([99, 199, null]);
    b.reset();
    expect(b.next(0)).toBe(99);
  });

  it('stays finite for very many attempts', () => {
    const b = new Backoff(opts, top);
    let last: number | null = 0;
    for (let i = 0; i < 2_000; i++) last = b.next(0);
    expect(last).toBe(999);
  });

  it.each([
    [{ baseMs: -1, capMs: 10, stableMs: 1 }, /baseMs/],
    [{ baseMs: 10, capMs: 5, stableMs: 1 }, /capMs/],
    [{ baseMs: 1, capMs: 5, stableMs: Number.NaN }, /stableMs/],
    [{ baseMs: 1, capMs: 5, stableMs: 1, maxAttempts: 0 }, /maxAttempts/],
  ])('rejects bad options %o', (bad, message) => {
    expect(() => new Backoff(bad, top)).toThrow(message);
  });
});
