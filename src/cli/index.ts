import { errorMessage } from '../core/errors.js';
import { packageVersion } from './version.js';

type Command = (argv: string[]) => Promise<number>;

/** Each command loads its modules only when it runs, so `omniroute backup` does not pay for loading the server. */
const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start-command.js')).runStartCommand,
  keys: async () => (await import('./keys-command.js')).runKeysCommand,
  backup: async () => (await import('./backup-command.js')).runBackupCommand,
  restore: async () => (await import('./restore-command.js')).runRestoreCommand,
  eval: async () => (await import('./eval-command.js')).runEvalCommand,
  'migrate-data': async () => (await import('./migrate-data-command.js')).runMigrateDataCommand,
  setup: async () => (await import('./setup-command.js')).runSetupCommand,
};

const help = `OmniRoute ${packageVersion}: one endpoint for every AI client, every provider account behind it.

Usage:
  omniroute start [--port 20128] [--host 127.0.0.1] [--data-dir ~/.omniroute] [--config FILE]
  omniroute keys create --name NAME [--scope manage] [--data-dir DIR]
  omniroute keys list [--data-dir DIR]
  omniroute keys revoke <id|name> [--data-dir DIR]
  omniroute backup [--data-dir DIR]          online backup into DATA_DIR/db_backups (safe while running)
  omniroute restore FILE [--data-dir DIR]    FILE: a path or a backup name; the gateway must be stopped
  omniroute eval SUITE --target MODEL... [--url URL] [--key KEY] [--threshold 0.8] [--concurrency N]
                                             run an eval suite on a running gateway (CI: exit 1 below threshold)
  omniroute migrate-data --from sqlite:PATH --to postgres://...
                                             copy an installation into an empty PostgreSQL database
  omniroute setup <tool> [--url URL] [--key KEY] [--model M] [--yes]
                                             point claude, codex, gemini or opencode at the gateway (shows a diff)
  omniroute --help | --version

Environment (flags win): PORT, HOST, DATA_DIR, OMNIROUTE_CONFIG, INITIAL_PASSWORD, REQUIRE_API_KEY,
STORAGE_ENCRYPTION_KEY, DATABASE_URL, DATABASE_POOL_MAX, REDIS_URL, LOG_LEVEL, BODY_LIMIT_MB, UPSTREAM_CONNECT_TIMEOUT_MS, UPSTREAM_HEADERS_TIMEOUT_MS,
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
    const load = Object.hasOwn(commands, command) ? commands[command] : undefined;
    if (load !== undefined) return await (await load())(rest);
  } catch (error) {
    console.error(`omniroute ${command}: ${errorMessage(error)}`);
    return 1;
  }
  console.error(`Unknown command '${command}'.\n\n${help}`);
  return 2;
}
