import type { FastifyInstance, RouteHandlerMethod } from 'fastify';

/**
 * Tracks every route handler still running. A streaming handler outlives its HTTP connection (it hijacks the reply):
 * when shutdown cuts the socket, the handler still has to notice, finish, and queue its request-log row. Shutdown
 * waits for them (bounded) before the log writer's last flush, so those rows are not lost.
 */
export class InFlightHandlers {
  private readonly running = new Set<Promise<unknown>>();

  /** Wraps each route registered from now on; call before registering routes. */
  install(app: FastifyInstance): void {
    const running = this.running;
    app.addHook('onRoute', (route) => {
      const handler = route.handler as RouteHandlerMethod;
      route.handler = function trackedHandler(this: FastifyInstance, request, reply) {
        const work = Promise.resolve(handler.call(this, request, reply));
        running.add(work);
        const forget = () => running.delete(work);
        work.then(forget, forget);
        return work;
      };
    });
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when every tracked handler has finished, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
  }
}
