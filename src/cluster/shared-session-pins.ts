import type { Logger } from '../observability/logger.js';
import type { SessionPinChange, SessionPins } from '../routing/session-pins.js';
import type { RedisLink } from './redis-link.js';

/** A provider's pin as stored in the session's hash: its account (null once dropped) and when it ends. */
interface StoredPin {
  c: string | null;
  e: number;
}

/**
 * Session pins shared by every gateway process, so a conversation whose turns land on different processes stays
 * on one account. Routing keeps reading this process's `SessionPins` synchronously: before a request with a session
 * id is routed, `load` copies that session's pins from Redis (one HGETALL of a hash per session, provider → pin,
 * expiring with the pin TTL); pins and unpins made here are written through without waiting, in order on one
 * connection, so a later `load` on this process already sees them. Redis away: local pins only.
 */
export class SharedSessionPins {
  constructor(
    private readonly pins: SessionPins,
    private readonly link: RedisLink,
    private readonly logger: Logger,
  ) {
    pins.observe((change) => this.write(change));
  }

  /** Brings this process's pins of `sessionId` up to date with the shared ones (no-op while Redis is away). */
  async load(sessionId: string): Promise<void> {
    if (!this.link.isUp) return;
    let stored: Record<string, string>;
    try {
      stored = await this.link.commands.hgetall(this.keyOf(sessionId));
    } catch (error) {
      this.logger.debug({ err: error }, 'loading shared session pins failed');
      return;
    }
    for (const [provider, text] of Object.entries(stored)) {
      const pin = parsePin(text);
      if (pin !== undefined) this.pins.adopt(sessionId, provider, pin.c ?? undefined, pin.e);
    }
  }

  private write(change: SessionPinChange): void {
    if (!this.link.isUp) return;
    const [sessionId, provider, stored]: [string, string, StoredPin] =
      change.kind === 'pin'
        ? [change.pin.sessionId, change.pin.provider, { c: change.pin.connectionId, e: change.pin.expiresAt }]
        : [change.sessionId, change.provider, { c: null, e: change.until }];
    const key = this.keyOf(sessionId);
    // A dropped pin is kept as a tombstone (c: null) so a process still holding it drops it on its next load.
    this.link.commands
      .multi()
      .hset(key, provider, JSON.stringify(stored))
      .pexpire(key, Math.max(1, stored.e - Date.now()))
      .exec()
      .catch((error: unknown) => this.logger.debug({ err: error }, 'writing a shared session pin failed'));
  }

  private keyOf(sessionId: string): string {
    return this.link.key(`session:${sessionId}`);
  }
}

function parsePin(text: string): StoredPin | undefined {
  try {
    const value = JSON.parse(text) as Partial<StoredPin> | null;
    if (typeof value?.e !== 'number' || (value.c !== null && typeof value.c !== 'string')) return undefined;
    return { c: value.c, e: value.e };
  } catch {
    return undefined;
  }
}
