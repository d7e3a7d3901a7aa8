import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { baseUrlSchema } from '../admin/base-url.js';
import { createBaseUrlGuard } from '../admin/base-url-guard.js';
import { connectionView } from '../admin/connection-view.js';
import { parseInput } from '../admin/parse-input.js';
import { GatewayError } from '../core/errors.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import { findOAuthSpec, repairOAuthEnv } from './oauth-config.js';
import type { OAuthFlows } from './oauth-flows.js';
import type { FlowOptions } from './pending-flows.js';

const options = {
  name: z.string().trim().min(1).max(100).optional(),
  /** Where this account's API calls go instead of the provider's default (a mirror, a test server). */
  baseUrl: baseUrlSchema.optional(),
  /** Gemini CLI: the Google Cloud project for Code Assist calls (discovered when omitted). */
  projectId: z.string().trim().min(1).max(200).optional(),
  /** false: store the account without the test call (one request of the subscription). */
  test: z.boolean().optional(),
};
const startSchema = z.object(options).strict();
const exchangeSchema = z
  .object({
    /** The whole URL the browser landed on after sign-in (headless servers: copy it from the address bar). */
    callbackUrl: z.string().url().optional(),
    /** Or the code itself (Claude shows `code#state`) with its state. */
    code: z.string().trim().min(1).max(4000).optional(),
    state: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((input) => input.callbackUrl !== undefined || input.code !== undefined, {
    message: 'give callbackUrl, or code (and state)',
    path: ['code'],
  });
const pollSchema = z.object({ flowId: z.string().min(1).max(200) }).strict();
const importSchema = z
  .object({
    ...options,
    /** A token JSON document (any of the CLIs' shapes) or a bare refresh token. */
    tokens: z.union([z.string().trim().min(1).max(100_000), z.record(z.string(), z.unknown())]).optional(),
    /** A CLI's credentials file on this machine, e.g. `~/.claude/.credentials.json`. */
    path: z.string().trim().min(1).max(1000).optional(),
  })
  .strict()
  .refine((input) => (input.tokens === undefined) !== (input.path === undefined), {
    message: 'give exactly one of tokens or path',
    path: ['tokens'],
  });

/** `/api/oauth/:provider/:action`, the local callback `/api/oauth/callback` and `/api/system/env/repair`. */
export async function registerOAuthRoutes(
  app: FastifyInstance,
  deps: { flows: OAuthFlows; state: RuntimeState; settings: SettingsService; env: NodeJS.ProcessEnv },
): Promise<void> {
  const { flows, state, env } = deps;
  const guard = createBaseUrlGuard(deps.settings);
  const aliasOf = (id: string) => state.snapshot.providersByName.get(id)?.alias;
  const checked = async (input: FlowOptions & Record<string, unknown>, provider: string): Promise<FlowOptions> => {
    if (input.baseUrl !== undefined) await guard(input.baseUrl, state.snapshot.providersByName.get(provider));
    return {
      name: input.name,
      baseUrl: input.baseUrl,
      projectId: input.projectId,
      test: input.test as boolean | undefined,
    };
  };

  app.post('/api/oauth/:provider/:action', async (request, reply) => {
    const { provider, action } = request.params as { provider: string; action: string };
    const spec = findOAuthSpec(provider, aliasOf);
    switch (action) {
      case 'authorize': {
        const input = parseInput(startSchema, request.body);
        return flows.authorize(spec, {
          gatewayOrigin: originOf(request),
          options: await checked(input, spec.provider),
        });
      }
      case 'exchange': {
        const input = parseInput(exchangeSchema, request.body);
        const { code, state: flowState } = codeAndState(input);
        const done = await flows.exchange({ code, state: flowState, spec });
        return reply.code(done.created ? 201 : 200).send(connectionView(done.connection));
      }
      case 'device-code': {
        const input = parseInput(startSchema, request.body);
        return flows.startDevice(spec, await checked(input, spec.provider));
      }
      case 'poll': {
        const input = parseInput(pollSchema, request.body);
        const result = await flows.poll(spec, input.flowId);
        if (result.status === 'pending') return reply.code(202).send(result);
        return reply.code(result.created ? 201 : 200).send(connectionView(result.connection));
      }
      case 'import': {
        const input = parseInput(importSchema, request.body);
        const done = await flows.import(spec, {
          document: input.tokens,
          path: input.path,
          options: await checked(input, spec.provider),
        });
        return reply.code(done.created ? 201 : 200).send(connectionView(done.connection));
      }
      default:
        throw new GatewayError(
          'not_found',
          `Unknown OAuth action '${action}'. Actions: authorize, exchange, device-code, poll, import.`,
        );
    }
  });

  // The browser lands here when it runs on the gateway's machine (redirect URI `<gateway>/api/oauth/callback`).
  app.get('/api/oauth/callback', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (query.error !== undefined) {
      throw new GatewayError('invalid_request', `The sign-in was refused: ${query.error_description ?? query.error}.`);
    }
    const done = await flows.exchange({ code: query.code ?? '', state: query.state ?? '' });
    return reply.code(done.created ? 201 : 200).send(connectionView(done.connection));
  });

  app.post('/api/system/env/repair', async () => {
    const repaired = repairOAuthEnv(env);
    return { repaired, count: repaired.length };
  });
}

function codeAndState(input: { callbackUrl?: string; code?: string; state?: string }): { code: string; state: string } {
  if (input.callbackUrl !== undefined) {
    const url = new URL(input.callbackUrl);
    const code = url.searchParams.get('code');
    if (code === null) {
      throw new GatewayError('invalid_request', 'The callback URL has no code parameter.', { param: 'callbackUrl' });
    }
    return { code, state: url.searchParams.get('state') ?? '' };
  }
  return { code: input.code ?? '', state: input.state ?? '' };
}

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
