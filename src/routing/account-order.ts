import type { ConnectionRecord } from '../storage/repositories/connections-repository.js';
import { shuffle } from './combo-strategy-state.js';
import type { AccountStrategy } from './routing-settings.js';

/** Per-account counters the account strategies read: requests in flight and served (this process). */
export class AccountUsage {
  private readonly inFlight = new Map<string, number>();
  private readonly served = new Map<string, number>();
  private readonly rotation = new Map<string, { index: number; used: number }>();

  constructor(private readonly random: () => number = Math.random) {}

  begin(connectionId: string): void {
    this.inFlight.set(connectionId, (this.inFlight.get(connectionId) ?? 0) + 1);
  }

  end(connectionId: string, succeeded: boolean): void {
    this.inFlight.set(connectionId, Math.max(0, (this.inFlight.get(connectionId) ?? 1) - 1));
    if (succeeded) this.served.set(connectionId, (this.served.get(connectionId) ?? 0) + 1);
  }

  /**
   * The provider's accounts in the order to try them. `accounts` arrive by ascending priority number.
   * fill-first: always the best-priority account first; round-robin: rotate, staying on one account for
   * `stickyLimit` requests; least-used: fewest in flight, then fewest served; random: a fresh shuffle.
   */
  order(input: {
    provider: string;
    accounts: readonly ConnectionRecord[];
    strategy: AccountStrategy;
    stickyLimit: number;
  }): ConnectionRecord[] {
    const { provider, accounts, strategy, stickyLimit } = input;
    switch (strategy) {
      case 'fill-first':
        return [...accounts];
      case 'round-robin': {
        const state = this.rotation.get(provider) ?? { index: 0, used: 0 };
        if (state.used >= stickyLimit) {
          state.index += 1;
          state.used = 0;
        }
        state.used += 1;
        this.rotation.set(provider, state);
        const start = accounts.length === 0 ? 0 : state.index % accounts.length;
        return [...accounts.slice(start), ...accounts.slice(0, start)];
      }
      case 'least-used':
        return [...accounts].sort(
          (a, b) =>
            (this.inFlight.get(a.id) ?? 0) - (this.inFlight.get(b.id) ?? 0) ||
            (this.served.get(a.id) ?? 0) - (this.served.get(b.id) ?? 0) ||
            a.priority - b.priority,
        );
      case 'random':
        return shuffle(accounts, this.random);
      default: {
        const exhaustive: never = strategy;
        throw new Error(`Unknown account strategy ${String(exhaustive)}`);
      }
    }
  }

  snapshot(connectionId: string): { inFlight: number; served: number } {
    return { inFlight: this.inFlight.get(connectionId) ?? 0, served: this.served.get(connectionId) ?? 0 };
  }
}
