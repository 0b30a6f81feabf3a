import { describe, expect, it } from 'vitest';
import { runCrashTest } from '../../scripts/crash-test';

describe('crash safety', () => {
  it('a replay killed with SIGKILL three times and restarted from its data directory stores the same history as an uninterrupted run', async () => {
    const result = await runCrashTest({ posts: 20_000, kills: 3, seed: 11, speed: '300', runTimeoutMs: 120_000 });
    expect(result.kills).toHaveLength(3);
    expect(result.rows).toBeGreaterThan(1000);
    for (const kill of result.kills) {
      // Each restart resumed from a checkpoint rather than from the first post...
      expect(kill.checkpoint).not.toBeNull();
      expect(kill.resumedAt).not.toBeNull();
      expect(kill.resumedAt!).toBeGreaterThan(result.firstWindowEnd!);
    }
    // ...and the history is the same row for row, to the last bit of every mean.
    expect(result.firstDifference).toBeNull();
    expect(result.csvEqual).toBe(true);
    expect(result.equal).toBe(true);
  }, 300_000);

  it('a restart that finds its newest checkpoint damaged falls back to the previous one, says so, and still ends exact', async () => {
    const result = await runCrashTest({ posts: 10_000, kills: 2, seed: 5, speed: '300', damage: true, runTimeoutMs: 120_000 });
    expect(result.kills).toHaveLength(2);
    for (const kill of result.kills) {
      expect(kill.damaged).toBe(true);
      expect(kill.fellBack).toBe(true);
    }
    expect(result.firstDifference).toBeNull();
    expect(result.equal).toBe(true);
  }, 300_000);
});
