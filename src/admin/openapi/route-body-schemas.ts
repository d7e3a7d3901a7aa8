import { z } from 'zod';
import { anthropicRequestSchema } from '../../formats/anthropic/anthropic-request-schema.js';
import { geminiRequestSchema } from '../../formats/gemini/gemini-request-schema.js';
import { ollamaRequestSchema } from '../../formats/ollama/ollama-request-schema.js';
import { responsesRequestSchema } from '../../formats/openai-responses/responses-request-schema.js';
import { routingSettingsSchema } from '../../routing/routing-settings.js';
import { appSettingsSchema } from '../../settings/app-settings.js';
import { aliasInputSchema } from '../alias-routes.js';
import { loginSchema } from '../auth-routes.js';
import { comboInputSchema, comboPatchSchema } from '../combo-routes.js';
import { createSchema as createKeySchema } from '../keys-routes.js';
import { nodeInputSchema } from '../provider-nodes-routes.js';
import { createSchema as createConnectionSchema, updateSchema as updateConnectionSchema } from '../providers-routes.js';
import { resetSchema } from '../resilience-routes.js';

const settingsBody = appSettingsSchema
  .partial()
  .extend({ currentPassword: z.string().optional(), newPassword: z.string().min(8).optional() });

/**
 * Request body schemas of routes registered before route-level `config.openapi.body` existed, keyed by
 * `METHOD url` as registered. New routes can instead pass `{ config: { openapi: { body: schema } } }`.
 */
export const routeBodySchemas: Readonly<Record<string, z.ZodType>> = {
  'POST /api/auth/login': loginSchema,
  'POST /api/providers': createConnectionSchema,
  'PUT /api/providers/:id': updateConnectionSchema,
  'POST /api/keys': createKeySchema,
  'POST /api/resilience/reset': resetSchema,
  'POST /api/models/alias': aliasInputSchema,
  'POST /api/combos': comboInputSchema,
  'PUT /api/combos/:id': comboPatchSchema,
  'POST /api/provider-nodes': nodeInputSchema,
  'PUT /api/provider-nodes/:id': nodeInputSchema.partial().strict(),
  'PUT /api/settings': settingsBody,
  'PATCH /api/settings': settingsBody,
  'PATCH /api/resilience': z.object({ routing: routingSettingsSchema.partial().optional() }).loose(),
  'POST /v1/messages': anthropicRequestSchema,
  'POST /v1/responses': responsesRequestSchema,
  'POST /api/chat': ollamaRequestSchema,
  'POST /v1/api/chat': ollamaRequestSchema,
  'POST /v1beta/models/*': geminiRequestSchema,
};
