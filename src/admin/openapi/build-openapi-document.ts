import { z } from 'zod';
import type { RegisteredRoute } from './route-registry.js';

type JsonObject = Record<string, unknown>;
type Audience = 'management' | 'client' | 'public';

export interface OpenApiInput {
  routes: readonly RegisteredRoute[];
  version: string;
  bodySchemas: Readonly<Record<string, z.ZodType>>;
  /** Paths that skip management auth (login) even though they live under /api. */
  publicPaths: ReadonlySet<string>;
}

const errorSchema = {
  type: 'object',
  description: 'Management errors; client routes answer errors in their own API format instead.',
  properties: {
    error: {
      type: 'object',
      properties: { message: { type: 'string' }, code: { type: 'string' }, param: { type: 'string' } },
      required: ['message', 'code'],
    },
  },
};

/**
 * An OpenAPI 3.1 document built from the routes actually registered (see recordRoutes), with JSON request bodies
 * from the zod schemas the handlers validate with. Response bodies are not described: handlers return plain objects.
 */
export function buildOpenApiDocument({ routes, version, bodySchemas, publicPaths }: OpenApiInput): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  const sorted = [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  for (const route of sorted) {
    const { path, parameters } = toOpenApiPath(route.url);
    const audience = audienceOf(route, publicPaths);
    const key = `${route.method} ${route.url}`;
    const body = route.config?.openapi?.body ?? bodySchemas[key];
    const operation: JsonObject = {
      operationId: operationId(route.method, route.url),
      tags: [audience === 'client' ? 'client' : 'management'],
      ...(route.config?.openapi?.summary === undefined ? {} : { summary: route.config.openapi.summary }),
      security: securityFor(audience),
      ...(parameters.length === 0 ? {} : { parameters }),
      ...(body === undefined ? {} : { requestBody: requestBody(body) }),
      responses: responsesFor(audience),
    };
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OmniRoute',
      version,
      description:
        'Management API (/api/*: dashboard cookie or a key with the manage scope) and client API (OpenAI, Anthropic, Gemini and Ollama formats).',
    },
    tags: [
      { name: 'management', description: 'Configuration, monitoring and operations' },
      { name: 'client', description: 'AI endpoints, each in its own API format' },
    ],
    paths,
    components: {
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: 'auth_token' },
        bearerAuth: { type: 'http', scheme: 'bearer' },
      },
      schemas: { Error: errorSchema },
    },
  };
}

function audienceOf(route: RegisteredRoute, publicPaths: ReadonlySet<string>): Audience {
  if (route.config?.clientFormat !== undefined) return 'client';
  if (publicPaths.has(route.url)) return 'public';
  return route.url.startsWith('/api/') ? 'management' : 'public';
}

function securityFor(audience: Audience): JsonObject[] {
  if (audience === 'management') return [{ cookieAuth: [] }, { bearerAuth: [] }];
  // Client keys are optional unless REQUIRE_API_KEY is set: `{}` marks anonymous access as allowed.
  if (audience === 'client') return [{ bearerAuth: [] }, {}];
  return [];
}

function responsesFor(audience: Audience): JsonObject {
  const error = {
    description: 'Error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const responses: JsonObject = { '2XX': { description: 'Success' } };
  if (audience === 'management') {
    responses['400'] = { ...error, description: 'Invalid input; `param` names the field' };
    responses['401'] = { ...error, description: 'Not logged in' };
    responses['403'] = { ...error, description: 'Key without the manage scope, or a cross-site request' };
  }
  responses.default = audience === 'client' ? { description: 'Error in the client API format' } : error;
  return responses;
}

function requestBody(schema: z.ZodType): JsonObject {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return { required: true, content: { 'application/json': { schema: jsonSchema } } };
}

/** `/api/providers/:id` → `/api/providers/{id}`; a trailing `*` becomes `{path}`. */
function toOpenApiPath(url: string): { path: string; parameters: JsonObject[] } {
  const parameters: JsonObject[] = [];
  const segments = url.split('/').map((segment) => {
    if (segment.startsWith(':')) {
      const name = segment.slice(1);
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
      return `{${name}}`;
    }
    if (segment === '*') {
      parameters.push({ name: 'path', in: 'path', required: true, schema: { type: 'string' } });
      return '{path}';
    }
    return segment;
  });
  return { path: segments.join('/'), parameters };
}

function operationId(method: string, url: string): string {
  const words = url
    .replace(/\*/g, 'path')
    .split(/[^a-zA-Z0-9]+/)
    .filter((word) => word !== '');
  return [method.toLowerCase(), ...words.map((word) => word[0]?.toUpperCase() + word.slice(1))].join('');
}
