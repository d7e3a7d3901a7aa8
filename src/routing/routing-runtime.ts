import { AccountUsage } from './account-order.js';
import { ComboStrategyState } from './combo-strategy-state.js';
import { CircuitBreakers } from './resilience/circuit-breakers.js';
import { ConnectionLimiter } from './resilience/connection-limiter.js';
import { CooldownTracker } from './resilience/cooldown-tracker.js';
import { ModelLockouts } from './resilience/model-lockouts.js';
import { defaultResilienceSettings, type ResilienceSettings } from './resilience/resilience-settings.js';
import { defaultRoutingSettings, type RoutingSettings } from './routing-settings.js';
import { SessionPins } from './session-pins.js';

/**
 * The live routing and resilience state of this process: cooldowns, breakers, lockouts, queues, strategy counters
 * and session pins, each kept apart (three resilience layers stay separate), with the settings that drive them.
 */
export class RoutingRuntime {
  routing: RoutingSettings = defaultRoutingSettings;
  resilience: ResilienceSettings = defaultResilienceSettings;
  readonly cooldowns = new CooldownTracker(defaultResilienceSettings.cooldown);
  readonly breakers = new CircuitBreakers(defaultResilienceSettings.breaker);
  readonly lockouts = new ModelLockouts(defaultResilienceSettings.lockout);
  readonly limiter = new ConnectionLimiter(defaultResilienceSettings.queue);
  readonly combos = new ComboStrategyState();
  readonly accounts = new AccountUsage();
  readonly sessions = new SessionPins(defaultRoutingSettings.sessionTtlMs);
  /** Set whenever persisted state (cooldowns, breakers, lockouts) changes. */
  dirty = false;

  configure(routing: RoutingSettings, resilience: ResilienceSettings): void {
    this.routing = routing;
    this.resilience = resilience;
    this.cooldowns.configure(resilience.cooldown);
    this.breakers.configure(resilience.breaker);
    this.lockouts.configure(resilience.lockout);
    this.limiter.configure(resilience.queue);
    this.sessions.setTtl(routing.sessionTtlMs);
  }

  toJSON(): unknown {
    return { cooldowns: this.cooldowns.toJSON(), breakers: this.breakers.toJSON(), lockouts: this.lockouts.toJSON() };
  }

  /** Loads a `toJSON` snapshot; with `merge` (another process's changes) only the entries it names are replaced. */
  restore(snapshot: unknown, options: { merge?: boolean } = {}): void {
    if (typeof snapshot !== 'object' || snapshot === null) return;
    const { cooldowns, breakers, lockouts } = snapshot as Record<string, unknown>;
    this.cooldowns.restore(cooldowns, options);
    this.breakers.restore(breakers, options);
    this.lockouts.restore(lockouts, options);
  }
}
