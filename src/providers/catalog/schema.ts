import { z } from 'zod';
import { wireFormats } from '../../core/wire-format.js';
import type { ProviderDefinition } from './types.js';

/** Ids and aliases are model-string prefixes (`ds/deepseek-chat`), so: lowercase words joined by single dashes. */
const prefixPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const price = z.number().nonnegative();
const tokenCount = z.int().positive();

export const modelPricingSchema = z.strictObject({
  input: price,
  output: price,
  cachedInput: price.optional(),
  cacheWrite: price.optional(),
  reasoning: price.optional(),
  perImage: price.optional(),
  perMinute: price.optional(),
});

export const modelDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^\S+$/, 'must not contain whitespace'),
    name: z.string().min(1).optional(),
    type: z.enum(['chat', 'embedding', 'image', 'transcription']),
    contextLength: tokenCount.optional(),
    maxOutputTokens: tokenCount.optional(),
    format: z.enum(wireFormats).optional(),
    pricing: modelPricingSchema.optional(),
    supportsReasoning: z.boolean().optional(),
    supportsVision: z.boolean().optional(),
    supportsTools: z.boolean().optional(),
  })
  .refine(
    (model) =>
      model.contextLength === undefined ||
      model.maxOutputTokens === undefined ||
      model.maxOutputTokens <= model.contextLength,
    { message: 'must not exceed contextLength', path: ['maxOutputTokens'] },
  );

const providerObjectSchema = z.strictObject({
  id: z.string().regex(prefixPattern, 'must be lowercase words joined by dashes'),
  alias: z.string().regex(prefixPattern, 'must be lowercase words joined by dashes').optional(),
  name: z.string().min(1),
  category: z.enum(['api', 'local', 'subscription', 'aggregator']),
  kind: z.enum(['api-key', 'local', 'oauth']),
  format: z.enum(wireFormats),
  baseUrl: z.url({ protocol: /^https?$/ }).refine((url) => !url.endsWith('/'), 'must not end with a slash'),
  authStyle: z.enum(['bearer', 'x-api-key', 'x-goog-api-key', 'token', 'authorization', 'none']),
  headers: z.record(z.string().min(1), z.string()).optional(),
  apiKeyRequired: z.boolean(),
  docsUrl: z.url({ protocol: /^https$/ }).optional(),
  modelsEndpoint: z.boolean().optional(),
  supportsStreamUsage: z.boolean().optional(),
  models: z.array(modelDefinitionSchema),
});

/** One catalog entry, with the rules that tie its fields together. */
export const providerDefinitionSchema: z.ZodType<ProviderDefinition> = providerObjectSchema.superRefine(
  (provider, context) => {
    const issue = (message: string, path: PropertyKey[]) => context.addIssue({ code: 'custom', message, path });
    if (provider.alias === provider.id) issue('must differ from the id', ['alias']);
    // Only a server on the user's own machine or network may be reached without TLS.
    if (provider.kind !== 'local' && !provider.baseUrl.startsWith('https://')) {
      issue('must use https unless the provider is local', ['baseUrl']);
    }
    if (provider.authStyle === 'none' && provider.apiKeyRequired) {
      issue('must be false when authStyle is "none"', ['apiKeyRequired']);
    }
    if (provider.kind === 'api-key' && !provider.apiKeyRequired) {
      issue('must be true for an api-key provider', ['apiKeyRequired']);
    }
    if (provider.supportsStreamUsage && provider.format !== 'openai') {
      issue('applies to the openai format only', ['supportsStreamUsage']);
    }
    const seen = new Set<string>();
    provider.models.forEach((model, index) => {
      if (seen.has(model.id)) issue(`duplicate model id "${model.id}"`, ['models', index, 'id']);
      seen.add(model.id);
    });
  },
);

export class ProviderCatalogError extends Error {
  override readonly name = 'ProviderCatalogError';
}

function describeEntry(entry: unknown, index: number): string {
  const id = typeof entry === 'object' && entry !== null && 'id' in entry ? entry.id : undefined;
  return typeof id === 'string' ? `#${index} "${id}"` : `#${index}`;
}

/**
 * Validates every entry and the rules across entries (ids and aliases share one namespace of prefixes).
 * Throws a ProviderCatalogError naming the first bad entry.
 */
export function parseProviderCatalog(entries: readonly unknown[]): ProviderDefinition[] {
  const owners = new Map<string, string>();
  return entries.map((entry, index) => {
    const result = providerDefinitionSchema.safeParse(entry);
    if (!result.success) {
      throw new ProviderCatalogError(
        `Invalid provider catalog entry ${describeEntry(entry, index)}:\n${z.prettifyError(result.error)}`,
      );
    }
    const provider = result.data;
    for (const prefix of [provider.id, provider.alias]) {
      if (prefix === undefined) continue;
      const owner = owners.get(prefix);
      if (owner !== undefined) {
        throw new ProviderCatalogError(
          `Invalid provider catalog entry ${describeEntry(entry, index)}: prefix "${prefix}" is already taken by "${owner}"`,
        );
      }
      owners.set(prefix, provider.id);
    }
    return provider;
  });
}
