import { readFileSync } from 'node:fs';

/** Read once from package.json so the CLI, health endpoint and banner never disagree. */
export const packageVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
