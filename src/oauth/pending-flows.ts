/** A sign-in that was started and not finished yet: what the exchange or poll needs, kept on the server. */
export interface PendingFlow {
  provider: string;
  /** PKCE verifier; never leaves the server. */
  verifier?: string;
  redirectUri?: string;
  /** Device flow: the code the token endpoint is polled with. */
  deviceCode?: string;
  /** Options given at start, applied to the connection the flow creates. */
  options: FlowOptions;
  expiresAt: number;
}

export interface FlowOptions {
  name?: string;
  baseUrl?: string;
  projectId?: string;
  /** False: store the account without the test call (it costs one request of the subscription). */
  test?: boolean;
}

/**
 * Started flows by state (PKCE) or flow id (device code). Bounded and expiring: an abandoned sign-in costs nothing
 * for long, and a flood of authorize calls evicts the oldest entries rather than growing memory.
 */
export class PendingFlows {
  private readonly flows = new Map<string, PendingFlow>();

  constructor(private readonly options: { maxEntries?: number; now?: () => number } = {}) {}

  add(id: string, flow: PendingFlow): void {
    this.sweep();
    const max = this.options.maxEntries ?? 200;
    while (this.flows.size >= max) {
      const oldest = this.flows.keys().next().value;
      if (oldest === undefined) break;
      this.flows.delete(oldest);
    }
    this.flows.set(id, flow);
  }

  get(id: string): PendingFlow | undefined {
    this.sweep();
    return this.flows.get(id);
  }

  delete(id: string): void {
    this.flows.delete(id);
  }

  private sweep(): void {
    const now = (this.options.now ?? Date.now)();
    for (const [id, flow] of this.flows) if (flow.expiresAt <= now) this.flows.delete(id);
  }
}
