#!/usr/bin/env node
// The `omniroute` command: runs the built CLI (npm start and npm run build produce dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('OmniRoute is not built yet: run `npm run build` (or `npm start`) in the project folder first.');
  process.exit(1);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
