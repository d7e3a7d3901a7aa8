import { parseArgs } from 'node:util';
import { type Config, isLoopbackHost, loadConfig } from '../config/config.js';
import { createLogger } from '../observability/logger.js';
import { startGateway } from '../server.js';
import { packageVersion } from './version.js';

export async function runStartCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string', short: 'c' },
    },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port must be a number from 0 to 65535, not '${values.port}'.`);
  }
  const config = loadConfig(process.env, {
    port,
    host: values.host,
    dataDir: values['data-dir'],
    configFile: values.config,
  });
  const logger = createLogger(config.logLevel);
  const gateway = await startGateway(config, logger);
  console.log(banner(config, gateway.url, gateway.passwordSet));

  let signals = 0;
  const stop = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    console.log(`\n${signal} received: finishing in-flight requests (up to ${config.shutdownGraceMs} ms)…`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // POST /api/shutdown, or a restart that could not start again, ends the process; signals exit on their own above.
  void gateway.stopped.then(({ reason }) => {
    if (reason === 'closed') return;
    console.log(reason === 'shutdown' ? 'Shut down through the management API.' : 'Restart failed: stopping.');
    process.exit(reason === 'shutdown' ? 0 : 1);
  });
  return new Promise<number>(() => {});
}

function banner(config: Config, url: string, passwordSet: boolean): string {
  const lines = [
    `OmniRoute ${packageVersion} is running.`,
    `  API base URL:  ${url}/v1   (OpenAI, Anthropic /v1/messages, Gemini /v1beta, Ollama /api/chat)`,
    `  Dashboard:     ${url}/dashboard`,
    `  Data folder:   ${config.dataDir}`,
    `  Client keys:   ${config.requireApiKey ? 'required (REQUIRE_API_KEY=true)' : 'optional (set REQUIRE_API_KEY=true to enforce)'}`,
    '',
    'Next:',
    `  1. Add a provider account:  curl -X POST ${url}/api/providers -b cookies -H 'content-type: application/json' \\`,
    `       -d '{"provider":"openai","apiKey":"sk-..."}'`,
    `  2. Point any OpenAI SDK at ${url}/v1 with model "openai/gpt-4.1".`,
  ];
  if (!passwordSet) {
    lines.push(
      '',
      `No dashboard password is set: open ${url}/dashboard on this machine to choose one (it also walks you through`,
      'a first provider and key), restart with INITIAL_PASSWORD=<password>, or make a management key:',
      '  omniroute keys create --name admin --scope manage',
    );
  }
  if (!isLoopbackHost(config.host) && !config.requireApiKey) {
    lines.push(
      '',
      `WARNING: listening on ${config.host} (reachable from other machines) while client API keys are NOT required.`,
      '         Anyone who can reach this port can spend your provider accounts. Set REQUIRE_API_KEY=true.',
    );
  }
  return lines.join('\n');
}
