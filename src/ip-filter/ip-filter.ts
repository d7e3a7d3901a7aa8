import type { onRequestHookHandler } from 'fastify';
import { GatewayError } from '../core/errors.js';
import type { IpFilterSettings } from '../settings/request-shaping-settings.js';
import type { SettingsService } from '../settings/settings-service.js';
import { compileIpMatcher, type IpMatcher } from './ip-matcher.js';

type Decision = (address: string) => boolean;

/**
 * The client-route IP filter: `off`, `allowlist` (only listed addresses) or `blocklist` (all but listed ones).
 * Recompiled when the settings change; a request only runs the compiled matcher.
 */
export class IpFilter {
  private allowed: Decision | undefined;

  constructor(settings: SettingsService) {
    this.compile(settings.value.ipFilter);
    settings.onChange((next) => this.compile(next.ipFilter));
  }

  isAllowed(address: string): boolean {
    return this.allowed === undefined || this.allowed(address);
  }

  private compile(settings: IpFilterSettings): void {
    this.allowed = compileDecision(settings);
  }
}

export function compileDecision(settings: IpFilterSettings): Decision | undefined {
  switch (settings.mode) {
    case 'off':
      return undefined;
    case 'allowlist': {
      const listed: IpMatcher = compileIpMatcher(settings.allowlist);
      return (address) => listed(address);
    }
    case 'blocklist': {
      const listed: IpMatcher = compileIpMatcher(settings.blocklist);
      return (address) => !listed(address);
    }
    default: {
      const unreachable: never = settings.mode;
      throw new Error(`unknown IP filter mode ${String(unreachable)}`);
    }
  }
}

/**
 * An onRequest hook for client routes only (those that declare a client format): a refused address gets 403, which
 * the central error handler renders in the route's own API format. It runs before key checks, so a refused client
 * costs no key hashing. Behind a reverse proxy the address is the proxy's unless Fastify's trustProxy is set.
 */
export function ipFilterHook(filter: IpFilter): onRequestHookHandler {
  // Callback style: no promise per request on the hot path.
  return (request, _reply, done) => {
    if (request.routeOptions.config?.clientFormat === undefined || filter.isAllowed(request.ip)) {
      done();
      return;
    }
    done(new GatewayError('forbidden', `Requests from ${request.ip} are not allowed by this gateway's IP filter.`));
  };
}
