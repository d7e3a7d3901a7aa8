export interface SessionPin {
  sessionId: string;
  provider: string;
  connectionId: string;
  lastUsedAt: number;
  expiresAt: number;
}

/** A pin made or dropped on this process (what `cluster/shared-session-pins.ts` writes through to Redis). */
export type SessionPinChange =
  | { kind: 'pin'; pin: SessionPin }
  | { kind: 'unpin'; sessionId: string; provider: string; until: number };

/**
 * `X-Session-Id` affinity: a conversation stays on the account (per provider) it first used, so provider-side
 * prompt caches keep hitting, until the pin expires or that account fails.
 */
export class SessionPins {
  /** Kept in last-use order (re-inserted on every pin), so the oldest entries are always first. */
  private readonly pins = new Map<string, SessionPin>();
  private listener: ((change: SessionPinChange) => void) | undefined;

  constructor(
    private ttlMs: number,
    private readonly now: () => number = Date.now,
    /** Session ids come from clients: the map is bounded so random ids cannot grow memory without limit. */
    private readonly maxPins = 100_000,
  ) {}

  setTtl(ttlMs: number): void {
    this.ttlMs = ttlMs;
  }

  /** Told of every pin and unpin made here (not of `adopt`): one listener, the shared store. */
  observe(listener: (change: SessionPinChange) => void): void {
    this.listener = listener;
  }

  get(sessionId: string, provider: string): string | undefined {
    const pin = this.pins.get(key(sessionId, provider));
    if (pin === undefined) return undefined;
    if (pin.expiresAt <= this.now()) {
      this.pins.delete(key(sessionId, provider));
      return undefined;
    }
    return pin.connectionId;
  }

  pin(sessionId: string, provider: string, connectionId: string): void {
    const now = this.now();
    const pin = { sessionId, provider, connectionId, lastUsedAt: now, expiresAt: now + this.ttlMs };
    this.put(pin);
    this.listener?.({ kind: 'pin', pin });
  }

  /**
   * A pin as another process left it (connection undefined: it dropped the pin), replacing this process's view
   * without telling the listener (it came from the shared store).
   */
  adopt(sessionId: string, provider: string, connectionId: string | undefined, expiresAt: number): void {
    const now = this.now();
    if (connectionId === undefined || expiresAt <= now) this.pins.delete(key(sessionId, provider));
    else this.put({ sessionId, provider, connectionId, lastUsedAt: now, expiresAt });
  }

  private put(pin: SessionPin): void {
    const id = key(pin.sessionId, pin.provider);
    this.pins.delete(id);
    this.evict(pin.lastUsedAt);
    this.pins.set(id, pin);
  }

  /** Drops expired pins from the front, then the least recently used ones beyond the cap. */
  private evict(now: number): void {
    for (const [id, pin] of this.pins) {
      if (pin.expiresAt > now && this.pins.size < this.maxPins) break;
      this.pins.delete(id);
    }
  }

  unpin(sessionId: string, provider: string): void {
    this.pins.delete(key(sessionId, provider));
    this.listener?.({ kind: 'unpin', sessionId, provider, until: this.now() + this.ttlMs });
  }

  list(): SessionPin[] {
    const now = this.now();
    const active: SessionPin[] = [];
    for (const [id, pin] of this.pins) {
      if (pin.expiresAt <= now) this.pins.delete(id);
      else active.push(pin);
    }
    return active;
  }
}

function key(sessionId: string, provider: string): string {
  return `${sessionId}\u0000${provider}`;
}
