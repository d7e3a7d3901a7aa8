import { GatewayError } from '../core/errors.js';
import type { WireFormat } from '../core/wire-format.js';
import type { ModelDefinition, ProviderDefinition } from '../providers/catalog/types.js';
import type { ConfigSnapshot } from './config-snapshot.js';

export interface ResolvedModel {
  provider: ProviderDefinition;
  /** The model id sent upstream (the part after the provider prefix). */
  model: string;
  /** The model's catalog entry, when the catalog knows it. */
  definition: ModelDefinition | undefined;
  /** The wire format to speak upstream: the model's own, else the provider's. */
  format: WireFormat;
}

/**
 * Turns a client's model string into a provider and upstream model id.
 * `provider-or-alias/model` splits at the first `/` (the model id may contain more); a bare id is looked up in
 * the catalog among providers that have an active connection.
 */
export function resolveModel(requested: string, snapshot: ConfigSnapshot): ResolvedModel {
  const model = requested.trim();
  if (model === '') throw new GatewayError('invalid_request', 'The request has no model.', { param: 'model' });
  if (hasControlCharacter(model)) {
    throw new GatewayError('invalid_request', 'The model name contains control characters.', { param: 'model' });
  }

  const slash = model.indexOf('/');
  if (slash > 0) {
    const provider = snapshot.providersByName.get(model.slice(0, slash));
    // Aggregator ids such as OpenRouter's `openai/gpt-4o-mini` also read as provider/model. The prefix wins while
    // that provider is connected (or nobody offers the whole id); otherwise the whole id is a bare catalog id.
    const offeredWhole = snapshot.providersByModel.has(model);
    if (provider !== undefined && (snapshot.activeConnections.has(provider.id) || !offeredWhole)) {
      return resolved(provider, model.slice(slash + 1));
    }
  }

  const candidates = snapshot.providersByModel.get(model) ?? [];
  const [only, second] = candidates;
  if (only !== undefined && second === undefined) return resolved(only, model);
  if (only !== undefined && second !== undefined) {
    const examples = candidates.slice(0, 3).map((provider) => `${provider.alias ?? provider.id}/${model}`);
    throw new GatewayError(
      'ambiguous_model',
      `The model '${model}' is offered by several connected providers. Use a provider prefix, e.g. ${examples.join(' or ')}.`,
      { param: 'model' },
    );
  }
  if (slash > 0) {
    throw new GatewayError(
      'model_not_found',
      `Unknown provider '${model.slice(0, slash)}' in model '${model}'. Use one of the provider ids or aliases listed by GET /api/models/catalog, or a provider node prefix.`,
      { param: 'model' },
    );
  }
  throw new GatewayError(
    'model_not_found',
    `The model '${model}' was not found among connected providers. Use a provider/model name such as openai/gpt-4.1, or GET /v1/models for the list.`,
    { param: 'model' },
  );
}

function resolved(provider: ProviderDefinition, model: string): ResolvedModel {
  if (model === '') {
    throw new GatewayError('invalid_request', `The model name after '${provider.id}/' is empty.`, { param: 'model' });
  }
  const definition = provider.models.find((entry) => entry.id === model);
  return { provider, model, definition, format: definition?.format ?? provider.format };
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) < 0x20) return true;
  return false;
}
