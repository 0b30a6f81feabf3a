import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT_DIR, main } from './index';

/** What the production build is made from; a change to any of them makes .next stale. */
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.js',
  'tailwind.config.ts',
  'postcss.config.cjs',
  'tsconfig.json',
  'package-lock.json',
];

/** Newest modification time under `path` (a file or a directory tree), epoch ms; 0 when absent. */
function newestMtime(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why a build is needed (`missing`, `stale`), or null when .next is newer than every input. */
export function buildNeeded(root: string = ROOT_DIR): 'missing' | 'stale' | null {
  const built = newestMtime(join(root, '.next', 'BUILD_ID'));
  if (built === 0) return 'missing';
  return BUILD_INPUTS.some((input) => newestMtime(join(root, input)) > built) ? 'stale' : null;
}

/** Runs `next build` in `root` when the build is missing or older than its inputs. */
export async function ensureBuild(root: string = ROOT_DIR, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<void> {
  const reason = buildNeeded(root);
  if (!reason) return;
  log(`moodstream: the production build is ${reason}; running next build (a minute or two)…`);
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: root,
      stdio: 'inherit',
      // A development NODE_ENV from the shell would make next build produce a broken bundle.
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npm start -- --dev` makes no sense with a build, but is harmless: dev mode needs none.
  void main(async (config) => {
    if (!config.dev) await ensureBuild();
  });
}
