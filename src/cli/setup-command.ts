import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { baseUrlSchema } from '../admin/base-url.js';
import { setupTool, setupTools } from '../cli-tools/tool-setup.js';
import { errorMessage } from '../core/errors.js';

const usage = `Usage: omniroute setup <tool> [--url URL] [--key KEY] [--model MODEL] [--yes] [--dry-run]
  <tool>     ${setupTools.join(', ')}
  --url      the gateway (default $OMNIROUTE_URL or http://127.0.0.1:20128)
  --key      the client key the tool should use (default $OMNIROUTE_KEY)
  --model    the tool's default model (optional)
  --yes      write without asking; --dry-run only shows the diff
Shows the change to the tool's config file as a diff, asks, then writes it, keeping the previous file as
<file>.omniroute-backup-<timestamp>. Your other settings in the file are kept.`;

/** `omniroute setup <tool>`: points a coding tool on this machine at the gateway (same code as the dashboard's). */
export async function runSetupCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`omniroute setup: ${errorMessage(error)}\n\n${usage}\n`);
    return 2;
  }
  const { tool, url, key, model, yes, dryRun } = parsed;
  const home = process.env.HOME ?? '';
  const values = { url, key, ...(model === undefined ? {} : { model }) };
  const plan = setupTool(tool, values, { home, dryRun: true });
  if (!plan.changed) {
    process.stdout.write(`${plan.file} already points at ${url}; nothing to change.\n`);
    return 0;
  }
  process.stdout.write(plan.diff);
  if (dryRun) return 0;
  if (!yes && !(await confirm(`Write ${plan.file}? [y/N] `))) {
    process.stderr.write('Nothing written.\n');
    return 1;
  }
  const result = setupTool(tool, values, { home, dryRun: false });
  process.stdout.write(`Wrote ${result.file}${result.backup === null ? '' : ` (previous file: ${result.backup})`}\n`);
  for (const note of result.notes) process.stdout.write(`${note}\n`);
  return 0;
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      model: { type: 'string' },
      yes: { type: 'boolean', short: 'y', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [tool, ...extra] = positionals;
  if (tool === undefined || extra.length > 0) throw new Error('name exactly one tool');
  if (!setupTools.includes(tool)) throw new Error(`unknown tool '${tool}'`);
  const url = baseUrlSchema.safeParse(values.url ?? process.env.OMNIROUTE_URL ?? 'http://127.0.0.1:20128');
  if (!url.success) throw new Error(`--url ${url.error.issues[0]?.message ?? 'is invalid'}`);
  const key = values.key ?? process.env.OMNIROUTE_KEY;
  if (key === undefined || key.trim() === '') throw new Error('give the client key with --key or $OMNIROUTE_KEY');
  return { tool, url: url.data, key: key.trim(), model: values.model, yes: values.yes, dryRun: values['dry-run'] };
}

/** Without a terminal there is nobody to answer: the command says so instead of waiting on stdin. */
async function confirm(question: string): Promise<boolean> {
  if (process.stdin.isTTY !== true) {
    process.stderr.write('Not a terminal: run again with --yes to write the file.\n');
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}
