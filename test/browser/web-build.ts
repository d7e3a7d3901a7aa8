import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const index = join(root, 'dist', 'web', 'index.html');
const lock = join(root, 'dist', '.web-build.lock');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

const stale = () =>
  !existsSync(index) ||
  Math.max(newestMtime(join(root, 'web', 'src')), newestMtime(join(root, 'web', 'index.html'))) >
    statSync(index).mtimeMs;

/**
 * Builds the dashboard when web/ changed since the last build (CI builds first, so this is a no-op there). Test
 * files run in parallel processes: a lock directory makes one build while the others wait for it.
 */
export async function ensureWebBuild(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (stale()) {
    try {
      mkdirSync(join(root, 'dist'), { recursive: true });
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 2 min for another web build (remove ${lock} if stuck)`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      if (stale()) {
        execFileSync(
          process.execPath,
          [
            join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
            'build',
            '--config',
            join(root, 'web', 'vite.config.ts'),
            '--logLevel',
            'error',
          ],
          {
            cwd: root,
            stdio: 'inherit',
          },
        );
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
