import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataStore } from '../../server/store/dataStore';
import { DataDirLockedError, LOCK_INFO_FILE, acquireDataDirLock } from '../../server/store/lock';

let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'moodstream-lock-')), 'data');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

/** A separate process that takes the lock through the real module, says so, and then waits to be killed. */
async function holdInChild(dataDir: string): Promise<ChildProcess> {
  const lockModule = new URL('../../server/store/lock.ts', import.meta.url).href;
  const code = `const m = await import(${JSON.stringify(lockModule)});
m.acquireDataDirLock(${JSON.stringify(dataDir)});
process.stdout.write('held\\n');
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('held')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code}): ${err}`)));
  });
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('data directory lock', () => {
  it('creates the data directory and refuses a second holder in the same process with a clear message', () => {
    const first = acquireDataDirLock(dir);
    expect(existsSync(dir)).toBe(true);
    let error: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toBe(
      `data directory ${dir} is in use by another moodstream worker (pid ${process.pid}); stop that worker or pass a different --data-dir`,
    );
    first.release();
    first.release();
    acquireDataDirLock(dir).release();
  });

  it('refuses while a live worker in another process holds it', async () => {
    const child = await holdInChild(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(
      new RegExp(`in use by another moodstream worker \\(pid ${child.pid}\\)`),
    );
    await killed(child);
  });

  it('a lock left by a worker killed with SIGKILL is free at once (no stale lock)', async () => {
    const child = await holdInChild(dir);
    await killed(child);
    // The holder's info file is still there, naming the dead pid; it does not matter.
    expect(existsSync(join(dir, LOCK_INFO_FILE))).toBe(true);
    const lock = acquireDataDirLock(dir);
    lock.release();
  });

  it('an info file naming a live process does not block either: only the OS lock counts', () => {
    acquireDataDirLock(dir).release();
    writeFileSync(join(dir, LOCK_INFO_FILE), JSON.stringify({ pid: process.ppid }));
    acquireDataDirLock(dir).release();
  });

  it('openDataStore takes the lock: a second worker store refuses, and works once the first is closed', () => {
    const first = openDataStore(dir);
    expect(() => openDataStore(dir)).toThrow(DataDirLockedError);
    first.history.put([]);
    first.close();
    first.close();
    const second = openDataStore(dir);
    second.close();
  });
});
