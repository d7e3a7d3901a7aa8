import { GatewayError } from '../core/errors.js';
import type { PlannedTarget } from '../routing/combo-plan.js';
import type { ResolvedModel } from '../routing/resolve-model.js';
import type { MediaOperation, MediaRequest } from './media-operation.js';

/**
 * Keeps the targets this operation can serve. A target of the wrong model type (a chat model sent to
 * /v1/embeddings) or on a provider without an adapter for the operation is marked unresolved, so a combo moves on
 * to its other targets; when no target is left, the first such refusal is the answer (a 400 saying why).
 */
export function servableTargets<Request extends MediaRequest>(
  targets: PlannedTarget[],
  operation: MediaOperation<Request>,
  route: string,
): PlannedTarget[] {
  let firstRefusal: GatewayError | undefined;
  let servable = 0;
  const checked = targets.map((target) => {
    if (target.resolved === undefined) return target;
    const refusal = refusalFor(target.resolved, operation, route);
    if (refusal === undefined) {
      servable += 1;
      return target;
    }
    firstRefusal ??= refusal;
    return { ...target, resolved: undefined, unresolved: refusal };
  });
  if (servable === 0 && firstRefusal !== undefined) throw firstRefusal;
  return checked;
}

function refusalFor<Request extends MediaRequest>(
  resolved: ResolvedModel,
  operation: MediaOperation<Request>,
  route: string,
): GatewayError | undefined {
  const name = `${resolved.provider.id}/${resolved.model}`;
  const type = resolved.definition?.type;
  if (type !== undefined && type !== operation.modelType) {
    return new GatewayError(
      'invalid_request',
      `The model '${name}' is ${article(type)} ${type} model; ${route} needs ${article(operation.modelType)} ${operation.modelType} model.`,
      { param: 'model' },
    );
  }
  if (operation.adapterFor(resolved) === undefined) {
    return new GatewayError(
      'invalid_request',
      `The model '${name}' cannot serve ${operation.kind} requests: OmniRoute has no ${operation.kind} adapter for ${resolved.provider.name} (${resolved.format} API).`,
      { param: 'model' },
    );
  }
  return undefined;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
