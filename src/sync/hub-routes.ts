import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idParams, notFound, parseInput } from '../admin/parse-input.js';
import { GatewayError } from '../core/errors.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { HubStore } from './hub-store.js';

const spaceSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash and underscore, at most 64');
const tokenSchema = z
  .object({ space: spaceSchema.default('default'), name: z.string().trim().min(1).max(100) })
  .strict();
/** Only the envelope is checked here: the hub cannot read the secrets and does not need to understand the rest. */
const bundleEnvelope = z.looseObject({ format: z.literal('omniroute-sync'), objects: z.array(z.unknown()) });

/**
 * The sync hub. Token management (`/api/sync/hub/tokens`) is ordinary management (dashboard login); the bundle
 * store (`/api/cloud/bundles/:space`) authenticates by sync token only, and exists only while the hub role is on.
 * Versions are ETags: a PUT must name the version it read (If-Match), so a concurrent push gets 412, not a silent
 * overwrite.
 */
export async function registerHubRoutes(
  app: FastifyInstance,
  { hub, settings }: { hub: HubStore; settings: SettingsService },
): Promise<void> {
  app.get('/api/sync/hub/tokens', async () => ({ tokens: await hub.listTokens() }));

  const tokenDocs = { body: tokenSchema, summary: 'Issue a sync token for one space (shown once)' };
  app.post('/api/sync/hub/tokens', { config: { openapi: tokenDocs } }, async (request, reply) => {
    const { space, name } = parseInput(tokenSchema, request.body);
    const { token, view } = await hub.issueToken(space, name);
    reply.code(201);
    return { ...view, token };
  });

  app.delete('/api/sync/hub/tokens/:id', async (request, reply) => {
    const id = idParams(request.params);
    if (!(await hub.revokeToken(id))) throw notFound('sync token', id);
    reply.code(204);
  });

  const authorize = async (request: FastifyRequest): Promise<string> => {
    if (!settings.value.sync.hubEnabled) throw new GatewayError('not_found', 'This instance is not a sync hub.');
    const space = parseInput(z.object({ space: spaceSchema }), request.params).space;
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined)
      throw new GatewayError('missing_api_key', 'A sync token is required (Authorization: Bearer).');
    const allowed = await hub.spaceOf(token);
    if (allowed === undefined) throw new GatewayError('invalid_api_key', 'The sync token is not valid on this hub.');
    if (allowed !== space) throw new GatewayError('forbidden', `The sync token is not for space '${space}'.`);
    return space;
  };

  app.get('/api/cloud/bundles/:space', async (request, reply) => {
    const stored = await hub.getBundle(await authorize(request));
    if (stored === undefined) return reply.code(204).send();
    reply.header('etag', `"${stored.version}"`).type('application/json');
    return stored.bundle;
  });

  const bundleDocs = { body: bundleEnvelope, summary: 'Store the space bundle (sync token; If-Match: "<version>")' };
  app.put('/api/cloud/bundles/:space', { config: { openapi: bundleDocs } }, async (request, reply) => {
    const space = await authorize(request);
    parseInput(bundleEnvelope, request.body);
    const match = request.headers['if-match'];
    const expected = match === undefined ? undefined : Number(/^"?(\d+)"?$/.exec(match)?.[1] ?? Number.NaN);
    if (expected !== undefined && !Number.isSafeInteger(expected)) {
      throw new GatewayError('invalid_request', 'If-Match must be a bundle version such as "3".', { status: 400 });
    }
    const version = await hub.putBundle(space, JSON.stringify(request.body), expected);
    if (version === undefined) {
      const current = await hub.getBundle(space);
      throw new GatewayError(
        'conflict',
        current === undefined
          ? `Space '${space}' holds no bundle yet: send no If-Match.`
          : `The bundle changed (now version ${current.version}): pull, merge and retry with If-Match.`,
        { status: current === undefined && expected !== undefined ? 409 : 412 },
      );
    }
    reply.header('etag', `"${version}"`);
    return { space, version };
  });
}
