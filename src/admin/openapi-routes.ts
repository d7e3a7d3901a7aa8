import type { FastifyInstance } from 'fastify';
import { packageVersion } from '../cli/version.js';
import { buildOpenApiDocument } from './openapi/build-openapi-document.js';
import { routeBodySchemas } from './openapi/route-body-schemas.js';
import type { RegisteredRoute } from './openapi/route-registry.js';

/** `GET /api/openapi.json`: built once, on first request, when every route is registered. */
export async function registerOpenApiRoutes(
  app: FastifyInstance,
  { routes, publicPaths }: { routes: readonly RegisteredRoute[]; publicPaths: ReadonlySet<string> },
): Promise<void> {
  let document: unknown;
  app.get('/api/openapi.json', async () => {
    document ??= buildOpenApiDocument({ routes, version: packageVersion, bodySchemas: routeBodySchemas, publicPaths });
    return document;
  });
}
