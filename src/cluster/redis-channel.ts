import type { Logger } from '../observability/logger.js';
import type { RedisLink } from './redis-link.js';

/**
 * Calls `handle` with every message published on `channel` (a name already under the link's prefix), subscribing
 * now if Redis is up and again each time it comes back (a message missed meanwhile is the caller's to tolerate).
 */
export function listenOn(link: RedisLink, channel: string, handle: (message: string) => void, logger: Logger): void {
  link.subscriber.on('message', (from: string, text: string) => {
    if (from === channel) handle(text);
  });
  const subscribe = () => {
    link.subscriber
      .subscribe(channel)
      .catch((error: unknown) => logger.debug({ err: error, channel }, 'subscribe failed'));
  };
  link.onUp(subscribe);
  if (link.isUp) subscribe();
}
