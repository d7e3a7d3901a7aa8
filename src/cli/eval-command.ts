import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { errorMessage } from '../core/errors.js';
import { type RunView, renderEvalProgress, renderEvalSummary } from './eval-report.js';

const usage = `Usage: omniroute eval <suite> --target <model> [--target <model>...] [--url URL] [--key KEY]
                      [--threshold 0.8] [--concurrency N]
  <suite>   a suite's name or id on the gateway (built-in: instruction-following, json-output, tool-calling),
            or a JSON/YAML file holding one suite ({name, cases}); a file is run without being stored.
  --url     the running gateway (default $OMNIROUTE_URL or http://127.0.0.1:20128)
  --key     a key with the manage scope (default $OMNIROUTE_KEY); not needed on this machine when login is off
Exit codes: 0 every target scored at least the threshold; 1 a target scored below it, or the run did not finish;
2 usage errors (bad flags, unknown suite or target).`;

/** Usage errors exit 2: CI tells a misconfigured step from a model that got worse. */
class UsageError extends Error {}

const pollMs = 250;

/**
 * `omniroute eval`: runs a suite on a running gateway through its management API (so the cases go through the real
 * routing, and the run is stored and visible in the dashboard like any other), shows progress, prints a table of
 * scores, and exits non-zero when a target scores below the threshold.
 */
export async function runEvalCommand(argv: string[]): Promise<number> {
  let options: EvalOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`omniroute eval: ${errorMessage(error)}\n\n${usage}\n`);
    return 2;
  }
  const api = apiClient(options.url, options.key);
  const started = await api('POST', '/api/evals', {
    action: 'run',
    suite: options.suite,
    targets: options.targets,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
  if (started.status !== 202) {
    process.stderr.write(`omniroute eval: ${errorText(started.body, started.status)}\n`);
    return started.status === 400 || started.status === 404 ? 2 : 1;
  }
  const id = String(started.body.id);
  const tty = process.stderr.isTTY === true;
  process.stderr.write(`Run ${id}: suite ${started.body.suite?.name}, ${options.targets.length} target(s)\n`);
  const interrupt = () => {
    void api('POST', `/api/evals/${id}/cancel`).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    let run: RunView = started.body as RunView;
    let shown = '';
    for (;;) {
      const line = renderEvalProgress(run.progress.done, run.progress.total, tty);
      if (line !== shown) process.stderr.write(tty ? `\r${line}` : `${line}\n`);
      shown = line;
      if (run.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      const polled = await api('GET', `/api/evals/${id}`);
      if (polled.status !== 200) throw new Error(errorText(polled.body, polled.status));
      run = polled.body as RunView;
    }
    if (tty) process.stderr.write('\n');
    process.stdout.write(`${renderEvalSummary(run, options.threshold)}\n`);
    if (run.status !== 'finished') {
      process.stderr.write(`The run ended ${run.status}.\n`);
      return 1;
    }
    return run.scores.every((score) => score.score >= options.threshold) ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
}

interface EvalOptions {
  suite: unknown;
  targets: string[];
  url: string;
  key: string | undefined;
  threshold: number;
  concurrency: number | undefined;
}

function parseOptions(argv: string[]): EvalOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string', short: 't', multiple: true },
      url: { type: 'string' },
      key: { type: 'string' },
      threshold: { type: 'string' },
      concurrency: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('name exactly one suite');
  const targets = values.target ?? [];
  if (targets.length === 0) throw new UsageError('name at least one --target');
  const threshold = values.threshold === undefined ? 1 : Number(values.threshold);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new UsageError(`--threshold must be a number from 0 to 1, not '${values.threshold}'`);
  }
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new UsageError(`--concurrency must be a whole number of at least 1, not '${values.concurrency}'`);
  }
  return {
    suite: suiteArgument(positionals[0]!),
    targets,
    url: (values.url ?? process.env.OMNIROUTE_URL ?? 'http://127.0.0.1:20128').replace(/\/+$/, ''),
    key: values.key ?? process.env.OMNIROUTE_KEY,
    threshold,
    concurrency,
  };
}

/** A suite file's contents (sent whole), else the argument as a suite name or id. */
function suiteArgument(argument: string): unknown {
  if (!/\.(json|ya?ml)$/i.test(argument)) return argument;
  if (!existsSync(argument)) throw new UsageError(`no suite file at ${argument}`);
  const text = readFileSync(argument, 'utf8');
  try {
    return argument.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`${argument} is not valid: ${errorMessage(error)}`);
  }
}

type ApiAnswer = {
  status: number;
  body: Record<string, unknown> & Partial<RunView> & { id?: unknown; suite?: { name?: string } };
};

function apiClient(url: string, key: string | undefined) {
  return async (method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((error: unknown) => {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new Error(`cannot reach the gateway at ${url} (${cause}); is it running? (--url)`);
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as ApiAnswer['body']) };
  };
}

function errorText(body: Record<string, unknown>, status: number): string {
  const error = body.error as { message?: unknown } | undefined;
  return typeof error?.message === 'string' ? error.message : `the gateway answered ${status}`;
}
