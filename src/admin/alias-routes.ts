import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import { isWildcard } from '../routing/alias-matcher.js';
import { assertResolvable } from '../routing/combo-plan.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { parseInput } from './parse-input.js';

export const aliasInputSchema = z
  .object({
    alias: z.string().trim().min(1).max(200),
    target: z.string().trim().min(1).max(300),
  })
  .strict();

/** An alias must lead somewhere: a combo or a model the catalog can resolve (connected or not). */
export function assertAliasTarget(target: string, snapshot: ConfigSnapshot): void {
  if (snapshot.combosByName.has(target)) return;
  if (isWildcard(target)) {
    throw new GatewayError('invalid_request', 'An alias target cannot contain wildcards.', { param: 'target' });
  }
  assertResolvable(target, snapshot, `Alias target '${target}'`, 'target');
}

/** Model aliases (`/api/models/alias`): exact names and wildcard patterns such as `claude-sonnet-*`. */
export async function registerAliasRoutes(
  app: FastifyInstance,
  { repositories, state }: { repositories: Repositories; state: RuntimeState },
): Promise<void> {
  app.get('/api/models/alias', async () => ({ aliases: await repositories.aliases.list() }));

  app.post('/api/models/alias', async (request, reply) => {
    const input = parseInput(aliasInputSchema, request.body);
    assertAliasTarget(input.target, state.snapshot);
    await repositories.aliases.upsert(input);
    await state.reload();
    return reply.code(201).send(input);
  });

  const remove = async (alias: string | undefined) => {
    if (alias === undefined || alias === '') {
      throw new GatewayError('invalid_request', 'Name the alias to delete.', { param: 'alias' });
    }
    if (!(await repositories.aliases.delete(alias))) throw new GatewayError('not_found', `No alias '${alias}'.`);
    await state.reload();
  };
  app.delete('/api/models/alias/:alias', async (request, reply) => {
    await remove((request.params as { alias: string }).alias);
    return reply.code(204).send();
  });
  app.delete('/api/models/alias', async (request, reply) => {
    await remove((request.query as { alias?: string }).alias);
    return reply.code(204).send();
  });
}
