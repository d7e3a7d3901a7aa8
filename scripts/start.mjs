// `npm start`: builds when the sources are newer than the last build, then runs `omniroute <args>`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildInfo = join(root, 'dist', '.tsbuildinfo');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(buildInfo) || newestMtime(join(root, 'src')) > statSync(buildInfo).mtimeMs;
if (stale) {
  console.log('Building OmniRoute…');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
// The dashboard (web/) is built the same way; without vite (a production-only install) the gateway still starts and
// /dashboard explains how to build it.
const webIndex = join(root, 'dist', 'web', 'index.html');
const webStale =
  !existsSync(webIndex) ||
  Math.max(newestMtime(join(root, 'web', 'src')), statSync(join(root, 'web', 'index.html')).mtimeMs) >
    statSync(webIndex).mtimeMs;
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (webStale && existsSync(vite)) {
  console.log('Building the dashboard…');
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
} else if (webStale) {
  console.log('The dashboard is not built and vite is not installed: run `npm install && npm run build` to get it.');
}
const { main } = await import(join(root, 'dist', 'cli', 'index.js'));
process.exitCode = await main(process.argv.slice(2));
