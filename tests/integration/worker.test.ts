import { afterEach, describe, expect, it } from 'vitest';
import type { Post } from '../../lib/post';
import type { Source, SourceHandlers, SourceIssue } from '../../lib/sources/source';
import { StreamEngine } from '../../lib/stream/engine';
import { StreamWorker } from '../../server/worker';
import { post, wordAnalyzer } from '../helpers/wordAnalyzer';

/** A live source whose posts the test hands in. */
class HandSource implements Source {
  readonly kind = 'hand';
  handlers: SourceHandlers | null = null;
  start(handlers: SourceHandlers): void {
    this.handlers = handlers;
    handlers.onState('live');
  }
  async stop(): Promise<void> {}
  send(posts: Post[]): void {
    this.handlers!.onPosts(posts, { n: posts.length });
  }
}

const workers: StreamWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
});

function liveWorker(history?: { put(): void }) {
  const source = new HandSource();
  const engine = new StreamEngine({ batchMs: 100, windowMs: 200, slideMs: 100, latenessMs: 0, topK: 5, analyzer: wordAnalyzer });
  const worker = new StreamWorker({ source, engine, tickMs: 10, idleGraceMs: 0, statusMs: 0, history });
  const issues: SourceIssue[] = [];
  worker.on('issue', (i) => issues.push(i));
  workers.push(worker);
  worker.start();
  return { source, worker, issues, engine };
}

describe('stream worker with a live source', () => {
  it('drops a post dated far ahead of the clock instead of letting it make every later post late', () => {
    const { source, issues, engine } = liveWorker();
    const now = Date.now();
    source.send([post(now + 3_600_000, 'from the future'), post(now, 'good'), post(now + 1, 'bad')]);
    expect(issues).toEqual([expect.objectContaining({ kind: 'future' })]);
    expect(engine.stats()).toMatchObject({ posts: 2, late: 0 });
  });

  it('survives a history store that fails while the clock closes batches, and reports it', async () => {
    const { source, issues, worker } = liveWorker({ put: () => { throw new Error('SQLITE_FULL: database or disk is full'); } });
    source.send([post(Date.now() - 50, 'good')]);
    // The clock ticks every 10 ms; wait for the tick that closes the batch, however slow the machine.
    for (let waited = 0; !issues.some((i) => i.kind === 'store') && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(issues.some((i) => i.kind === 'store' && /SQLITE_FULL/.test(i.message))).toBe(true);
    expect(worker.status().issues.store).toBeGreaterThan(0);
  });
});
