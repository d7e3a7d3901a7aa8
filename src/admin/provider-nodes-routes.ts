import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import type { WireFormat } from '../core/wire-format.js';
import { findProvider } from '../providers/catalog/index.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ProviderNodeRecord } from '../storage/repositories/provider-nodes-repository.js';
import type { Repositories } from '../storage/repositories.js';
import { baseUrlSchema } from './base-url.js';
import { createBaseUrlGuard } from './base-url-guard.js';
import { idParams, notFound, parseInput } from './parse-input.js';

/** The node API's apiType names, and the wire format each means. */
export const nodeApiTypes = {
  openai: 'openai',
  responses: 'openai-responses',
  anthropic: 'anthropic',
  gemini: 'gemini',
  ollama: 'ollama',
} as const satisfies Record<string, WireFormat>;

type NodeApiType = keyof typeof nodeApiTypes;
const apiTypeOf = (format: WireFormat): NodeApiType =>
  (Object.keys(nodeApiTypes) as NodeApiType[]).find((key) => nodeApiTypes[key] === format) ?? 'openai';

const prefixSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'must be 1-40 lowercase letters, digits, dots, dashes or underscores');

export const nodeInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    prefix: prefixSchema,
    apiType: z.enum(Object.keys(nodeApiTypes) as [NodeApiType, ...NodeApiType[]]),
    baseUrl: baseUrlSchema,
  })
  .strict();

export function nodeView(node: ProviderNodeRecord) {
  return {
    id: node.id,
    name: node.name,
    prefix: node.prefix,
    apiType: apiTypeOf(node.format),
    baseUrl: node.baseUrl,
    createdAt: new Date(node.createdAt).toISOString(),
    updatedAt: new Date(node.updatedAt).toISOString(),
  };
}

/** A node prefix becomes a provider id: it may clash with neither the catalog nor another node. */
export async function assertPrefixFree(repositories: Repositories, prefix: string, exceptId?: string): Promise<void> {
  if (findProvider(prefix) !== undefined) {
    throw new GatewayError('conflict', `The prefix '${prefix}' is already a catalog provider id or alias.`, {
      param: 'prefix',
    });
  }
  const clash = (await repositories.providerNodes.list()).find(
    (node) => node.prefix === prefix && node.id !== exceptId,
  );
  if (clash)
    throw new GatewayError('conflict', `The prefix '${prefix}' is used by node '${clash.name}'.`, { param: 'prefix' });
}

/** User-defined endpoints: `/api/provider-nodes`. */
export async function registerProviderNodesRoutes(
  app: FastifyInstance,
  { repositories, state, settings }: { repositories: Repositories; state: RuntimeState; settings: SettingsService },
): Promise<void> {
  const nodes = repositories.providerNodes;
  // A node is never a local kind: its private base URL needs the allowPrivateBaseUrls setting.
  const guard = createBaseUrlGuard(settings);

  app.get('/api/provider-nodes', async () => ({ nodes: (await nodes.list()).map(nodeView) }));

  app.post('/api/provider-nodes', async (request, reply) => {
    const input = parseInput(nodeInputSchema, request.body);
    await assertPrefixFree(repositories, input.prefix);
    await guard(input.baseUrl, undefined);
    if (await nodes.findByName(input.name)) {
      throw new GatewayError('conflict', `A node named '${input.name}' already exists.`, { param: 'name' });
    }
    const node = await nodes.create({ ...input, format: nodeApiTypes[input.apiType] });
    await state.reload();
    return reply.code(201).send(nodeView(node));
  });

  app.get('/api/provider-nodes/:id', async (request) => {
    const id = idParams(request.params);
    const node = await nodes.get(id);
    if (node === undefined) throw notFound('provider node', id);
    return nodeView(node);
  });

  app.put('/api/provider-nodes/:id', async (request) => {
    const id = idParams(request.params);
    const input = parseInput(nodeInputSchema.partial().strict(), request.body);
    const existing = await nodes.get(id);
    if (existing === undefined) throw notFound('provider node', id);
    if (input.baseUrl !== undefined) await guard(input.baseUrl, undefined);
    if (input.prefix !== undefined && input.prefix !== existing.prefix) {
      await assertPrefixFree(repositories, input.prefix, id);
      if ((await repositories.connections.countForProvider(existing.prefix)) > 0) {
        throw new GatewayError('conflict', 'Delete or move the connections of this node before changing its prefix.', {
          param: 'prefix',
        });
      }
    }
    const { apiType, ...rest } = input;
    const updated = await nodes.update(id, { ...rest, ...(apiType ? { format: nodeApiTypes[apiType] } : {}) });
    await state.reload();
    return nodeView(updated ?? existing);
  });

  app.delete('/api/provider-nodes/:id', async (request, reply) => {
    const id = idParams(request.params);
    const node = await nodes.get(id);
    if (node === undefined) throw notFound('provider node', id);
    const count = await repositories.connections.countForProvider(node.prefix);
    if (count > 0) {
      throw new GatewayError('conflict', `Node '${node.name}' still has ${count} connection(s); delete them first.`);
    }
    await nodes.delete(id);
    await state.reload();
    return reply.code(204).send();
  });
}
