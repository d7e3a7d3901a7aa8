import type { FastifyInstance } from 'fastify';
import type { Logger } from '../observability/logger.js';
import { installDatabaseFile } from '../storage/backups/install-database-file.js';
import { removeServerLock, writeServerLock } from './server-lock.js';

/** Why the gateway stopped for good. */
export interface GatewayStop {
  reason: 'closed' | 'shutdown' | 'restart-failed';
  error?: unknown;
}

/** A database file to put in place between closing and starting again (restore, import). */
export interface DatabaseSwap {
  source: string;
  /** Installed instead when the gateway cannot start on `source`: the safety backup taken just before. */
  fallback: string;
  /** Runs once the swap is over, whatever happened (removes temporary files). */
  cleanup?: () => void;
}

/** What management routes may ask of the process. Both return once the work is done. */
export interface GatewayLifecycle {
  restart(swap?: DatabaseSwap): Promise<void>;
  shutdown(): Promise<void>;
}

export interface GatewayInstance {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export type SupervisedGateway<Instance extends GatewayInstance> = Instance & {
  /** Resolves when the gateway stopped for good: `close()`, `POST /api/shutdown`, or a restart that failed. */
  stopped: Promise<GatewayStop>;
};

export interface SupervisorOptions<Instance extends GatewayInstance> {
  /** Starts one instance (storage → state → app → listen); `port` pins the port on restarts. */
  open(lifecycle: GatewayLifecycle, port: number | undefined): Promise<Instance>;
  dataDir: string;
  databasePath: string;
  logger: Logger;
}

/**
 * Restart happens inside this process: close the instance the way SIGTERM does (drain requests, flush queues, close
 * the database), then open a fresh one with the same config on the same port. That works the same under
 * `omniroute start`, a service manager, Docker or a test, where "exit with a special code and be relaunched" would
 * need a wrapper process everywhere. The returned handle stays valid across restarts: its fields are refreshed
 * from each new instance. Lifecycle operations run one at a time.
 */
export async function superviseGateway<Instance extends GatewayInstance>(
  options: SupervisorOptions<Instance>,
): Promise<SupervisedGateway<Instance>> {
  const { open, dataDir, databasePath, logger } = options;
  let queue: Promise<void> = Promise.resolve();
  const serialize = (task: () => Promise<void>): Promise<void> => {
    const run = queue.then(task);
    queue = run.catch(() => {});
    return run;
  };
  let finished = false;
  let announceStop: (stop: GatewayStop) => void = () => {};
  const stopped = new Promise<GatewayStop>((resolve) => {
    announceStop = resolve;
  });

  const stop = (reason: GatewayStop['reason']) =>
    serialize(async () => {
      if (finished) return;
      finished = true;
      try {
        await current.close();
      } finally {
        removeServerLock(dataDir);
        announceStop({ reason });
      }
    });

  const lifecycle: GatewayLifecycle = {
    restart: (swap) => serialize(() => restartNow(swap)),
    shutdown: () => stop('shutdown'),
  };

  let current = await open(lifecycle, undefined);
  writeServerLock(dataDir, current.url);
  const handle = { ...current, close: () => stop('closed'), stopped } as SupervisedGateway<Instance>;

  async function restartNow(swap: DatabaseSwap | undefined): Promise<void> {
    if (finished) {
      swap?.cleanup?.();
      return;
    }
    const port = boundPort(current.app);
    logger.info(swap ? 'restarting on a replaced database' : 'restarting');
    await current.close();
    try {
      current = await reopen(swap, port);
    } catch (error) {
      logger.error({ err: error }, 'the gateway could not start again; it stays stopped');
      finished = true;
      removeServerLock(dataDir);
      announceStop({ reason: 'restart-failed', error });
      return;
    } finally {
      swap?.cleanup?.();
    }
    Object.assign(handle, current, { close: handle.close, stopped });
  }

  async function reopen(swap: DatabaseSwap | undefined, port: number | undefined): Promise<Instance> {
    if (swap === undefined) return open(lifecycle, port);
    installDatabaseFile(swap.source, databasePath);
    try {
      return await open(lifecycle, port);
    } catch (error) {
      // The new database passed its checks but the gateway still cannot start on it: go back to the safety backup.
      logger.error({ err: error }, 'starting on the replaced database failed; putting the previous one back');
      installDatabaseFile(swap.fallback, databasePath);
      return open(lifecycle, port);
    }
  }

  return handle;
}

function boundPort(app: FastifyInstance): number | undefined {
  const address = app.server.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}
