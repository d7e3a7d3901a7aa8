import type { ModelListEntry } from '../formats/openai/index.js';
import { listAvailableModels } from '../gateway/model-listing.js';
import type { ModelType } from '../providers/catalog/types.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import { resolveModel } from '../routing/resolve-model.js';

/**
 * The models a media endpoint can call now (`GET /v1/embeddings`, `GET /v1/images/generations`), plus the combos
 * whose every target is a model of that type.
 */
export function listMediaModels(snapshot: ConfigSnapshot, type: ModelType): ModelListEntry[] {
  const models: ModelListEntry[] = listAvailableModels(snapshot, type).map((model) => ({
    id: model.id,
    ownedBy: model.provider,
    type: model.type,
  }));
  const combos = snapshot.combos.filter(
    (combo) => combo.targets.length > 0 && combo.targets.every((target) => typeOf(target.model, snapshot) === type),
  );
  return [...models, ...combos.map((combo) => ({ id: combo.name, ownedBy: 'combo', type: 'combo' }))];
}

function typeOf(model: string, snapshot: ConfigSnapshot): ModelType | undefined {
  try {
    return resolveModel(model, snapshot).definition?.type;
  } catch {
    return undefined;
  }
}
