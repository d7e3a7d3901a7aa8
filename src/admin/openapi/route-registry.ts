import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Documents the route in /api/openapi.json: the zod schema its handler validates the JSON body with. */
    openapi?: { body?: z.ZodType; summary?: string };
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  config: { clientFormat?: string; openapi?: { body?: z.ZodType; summary?: string } } | undefined;
}

/**
 * Records every route as it is registered (Fastify's onRoute hook), so the OpenAPI document lists new routes without
 * anyone editing it. Must be called before the first route is added.
 */
export function recordRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    // Fastify adds a HEAD twin to every GET; it documents nothing new.
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({ method, url: route.url, config: route.config as RegisteredRoute['config'] });
    }
  });
  return routes;
}
