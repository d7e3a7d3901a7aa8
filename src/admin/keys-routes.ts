import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createApiKey } from '../auth/create-api-key.js';
import { keyPolicySchema } from '../governance/key-policy.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ApiKeyRecord } from '../storage/repositories/api-keys-repository.js';
import type { Repositories } from '../storage/repositories.js';
import { idParams, notFound, parseInput } from './parse-input.js';

/** Governance fields shared by create and update: the policy's own fields plus expiry and the disable switch. */
const governanceFields = {
  ...keyPolicySchema.shape,
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  disabled: z.boolean().optional(),
};

export const createSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(['manage'])).optional(),
    ...governanceFields,
  })
  .strict();

/** PATCH: each field given replaces that field; `null` clears a policy field. */
export const updateSchema = z
  .object({
    allowedModels: governanceFields.allowedModels.unwrap().nullable().optional(),
    blockedModels: governanceFields.blockedModels.unwrap().nullable().optional(),
    allowedCombos: governanceFields.allowedCombos.unwrap().nullable().optional(),
    ipAllowlist: governanceFields.ipAllowlist.unwrap().nullable().optional(),
    limits: governanceFields.limits.unwrap().nullable().optional(),
    expiresAt: governanceFields.expiresAt,
    disabled: governanceFields.disabled,
  })
  .strict();

export function keyView(key: ApiKeyRecord) {
  return {
    id: key.id,
    name: key.name,
    keyPrefix: key.keyPrefix,
    scopes: key.scopes,
    createdAt: new Date(key.createdAt).toISOString(),
    revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt).toISOString(),
    ...key.policy,
    expiresAt: key.expiresAt === null ? null : new Date(key.expiresAt).toISOString(),
    disabled: key.disabled,
  };
}

const toMillis = (iso: string | null | undefined) => (iso === null || iso === undefined ? null : Date.parse(iso));

/** Client API keys: `/api/keys`. The key itself is in the create answer only. */
export async function registerKeysRoutes(
  app: FastifyInstance,
  { repositories, state }: { repositories: Repositories; state: RuntimeState },
): Promise<void> {
  app.get('/api/keys', async () => ({ keys: (await repositories.apiKeys.list()).map(keyView) }));

  app.post('/api/keys', async (request, reply) => {
    const { name, scopes, expiresAt, disabled, ...policy } = parseInput(createSchema, request.body);
    const { record, key } = await createApiKey(repositories.apiKeys, {
      name,
      scopes: scopes ?? [],
      policy,
      expiresAt: toMillis(expiresAt),
      disabled: disabled ?? false,
    });
    await state.reload();
    return reply.code(201).send({ ...keyView(record), key });
  });

  const updateDocs = { body: updateSchema, summary: "Change an API key's policy, expiry or disabled state" };
  app.patch('/api/keys/:id', { config: { openapi: updateDocs } }, async (request) => {
    const id = idParams(request.params);
    const input = parseInput(updateSchema, request.body);
    const current = await repositories.apiKeys.find(id);
    if (current === undefined || current.revokedAt !== null) throw notFound('active API key', id);
    const { expiresAt, disabled, ...policyPatch } = input;
    const policy: Record<string, unknown> = { ...current.policy };
    for (const [field, value] of Object.entries(policyPatch)) {
      if (value === null) delete policy[field];
      else if (value !== undefined) policy[field] = value;
    }
    const fields = {
      policy: keyPolicySchema.parse(policy),
      expiresAt: expiresAt === undefined ? current.expiresAt : toMillis(expiresAt),
      disabled: disabled ?? current.disabled,
    };
    if (!(await repositories.apiKeys.updateGovernance(id, fields))) throw notFound('active API key', id);
    await state.reload();
    return keyView({ ...current, ...fields });
  });

  app.delete('/api/keys/:id', async (request, reply) => {
    const id = idParams(request.params);
    if (!(await repositories.apiKeys.revoke(id))) throw notFound('active API key', id);
    await state.reload();
    return reply.code(204).send();
  });
}
