import { runKeysCommand } from './keys-command.js';
import { runStartCommand } from './start-command.js';
import { packageVersion } from './version.js';

const help = `OmniRoute ${packageVersion}: one endpoint for every AI client, every provider account behind it.

Usage:
  omniroute start [--port 20128] [--host 127.0.0.1] [--data-dir ~/.omniroute] [--config FILE]
  omniroute keys create --name NAME [--scope manage] [--data-dir DIR]
  omniroute keys list [--data-dir DIR]
  omniroute keys revoke <id|name> [--data-dir DIR]
  omniroute --help | --version

Environment (flags win): PORT, HOST, DATA_DIR, OMNIROUTE_CONFIG, INITIAL_PASSWORD, REQUIRE_API_KEY,
STORAGE_ENCRYPTION_KEY, LOG_LEVEL, BODY_LIMIT_MB, UPSTREAM_CONNECT_TIMEOUT_MS, UPSTREAM_HEADERS_TIMEOUT_MS,
STREAM_IDLE_TIMEOUT_MS, SHUTDOWN_GRACE_MS.
`;

/** Runs one command; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(help);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    console.log(packageVersion);
    return 0;
  }
  try {
    if (command === 'start') return await runStartCommand(rest);
    if (command === 'keys') return await runKeysCommand(rest);
  } catch (error) {
    console.error(`omniroute ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  console.error(`Unknown command '${command}'.\n\n${help}`);
  return 2;
}
