import { GatewayError } from '../core/errors.js';
import type { ProviderDefinition } from '../providers/catalog/types.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';

/**
 * The pinned-provider routes (`/v1/providers/{provider}/…`): the body's model gets the provider's prefix when it has
 * none, so `text-embedding-3-small` on `/v1/providers/openai/embeddings` means `openai/text-embedding-3-small`.
 * The provider is named by id, alias or provider-node prefix; a model prefixed with another provider is refused.
 */
export function pinModelToProvider(body: unknown, providerName: string, snapshot: ConfigSnapshot): unknown {
  const name = decodeURIComponent(providerName).trim();
  const provider = snapshot.providersByName.get(name) ?? snapshot.providersByName.get(name.toLowerCase());
  if (provider === undefined) {
    throw new GatewayError(
      'provider_not_found',
      `Unknown provider '${name}'. Use a provider id or alias listed by GET /api/models/catalog, or a provider node prefix.`,
    );
  }
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : undefined;
  const model = record === undefined ? undefined : (record as { model?: unknown }).model;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new GatewayError('invalid_request', 'model is required and must be a non-empty string', { param: 'model' });
  }
  const requested = model.trim();
  return { ...record, model: pinned(requested, provider, snapshot) };
}

function pinned(model: string, provider: ProviderDefinition, snapshot: ConfigSnapshot): string {
  const providerId = provider.id;
  const slash = model.indexOf('/');
  const owner = slash <= 0 ? undefined : snapshot.providersByName.get(model.slice(0, slash));
  if (owner?.id === providerId) return model;
  // Aggregators' own ids carry a vendor prefix that reads like a provider (OpenRouter's `openai/gpt-4o`).
  const ownId = provider.category === 'aggregator' || provider.models.some((entry) => entry.id === model);
  if (owner === undefined || ownId) return `${providerId}/${model}`;
  throw new GatewayError(
    'invalid_request',
    `The model '${model}' belongs to provider '${owner.id}', but this route is pinned to provider '${providerId}'. Drop the prefix or use /v1/providers/${owner.id}/….`,
    { param: 'model' },
  );
}
