import pg from 'pg';

export interface ChangeListenerOptions {
  url: string;
  types: pg.CustomTypesConfig;
  channel: string;
  onChange: () => void;
  /** Notifications within this long of the first are coalesced into one call (a transaction's many statements). */
  intervalMs: number;
}

// Changes made elsewhere during an outage are only seen after the reconnect: a short cap keeps that wait short once
// the database is back, and one connection attempt every few seconds costs the server nothing.
const maxReconnectDelayMs = 5000;

/**
 * LISTENs on its own connection (a pooled one cannot hold a LISTEN). Notifications are coalesced per interval;
 * after a lost connection it reconnects with backoff and reports a change, since notifications sent while it was
 * away are gone. Returns the function that stops it.
 */
export function listenForChanges(options: ChangeListenerOptions): () => void {
  let stopped = false;
  let client: pg.Client | undefined;
  let reconnectDelayMs = 500;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let flush: NodeJS.Timeout | undefined;

  // The first notification starts a short window; the reload runs once at its end, so a change is seen in about
  // intervalMs plus the reload instead of waiting for a fixed tick.
  const changed = () => {
    if (flush !== undefined || stopped) return;
    flush = setTimeout(() => {
      flush = undefined;
      options.onChange();
    }, options.intervalMs);
    flush.unref();
  };

  const connect = async (afterLoss: boolean) => {
    const next = new pg.Client({ connectionString: options.url, types: options.types });
    next.on('notification', changed);
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`listen ${options.channel}`);
    } catch {
      lost(next);
      return;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    reconnectDelayMs = 500;
    if (afterLoss) changed();
  };

  const lost = (which: pg.Client) => {
    if (stopped || (client !== undefined && client !== which) || reconnectTimer !== undefined) return;
    client = undefined;
    which.end().catch(() => undefined);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect(true);
    }, reconnectDelayMs);
    reconnectTimer.unref();
    reconnectDelayMs = Math.min(maxReconnectDelayMs, reconnectDelayMs * 2);
  };

  void connect(false);
  return () => {
    stopped = true;
    clearTimeout(flush);
    clearTimeout(reconnectTimer);
    void client?.end().catch(() => undefined);
  };
}
