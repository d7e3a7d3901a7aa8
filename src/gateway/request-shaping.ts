import type { IncomingHttpHeaders } from 'node:http';
import type { ClientIdentity } from '../auth/key-index.js';
import type { CanonicalRequest, Converted } from '../core/canonical.js';
import type { PolicyEngine } from '../policies/policy-engine.js';
import type { ConfigSnapshot } from '../routing/config-snapshot.js';
import type { ResolvedModel } from '../routing/resolve-model.js';
import type { SystemPromptSettings, ThinkingBudgetSettings } from '../settings/request-shaping-settings.js';
import { applyCanonicalEdits } from './request-edits/apply-canonical-edits.js';
import { applyWireEdits } from './request-edits/apply-wire-edits.js';
import { type EditTarget, planRequestEdits, type RequestEdits } from './request-edits/request-edits.js';

/** What the pipeline needs to shape requests: policies and the system-prompt and thinking-budget settings. */
export interface RequestShaping {
  policies: PolicyEngine;
  /** Read per request, so a settings change applies to the next request. */
  settings(): { systemPrompt: SystemPromptSettings; thinkingBudget: ThinkingBudgetSettings };
}

/** The model to resolve after routing policies (a redirect's target); throws a 403 GatewayError when blocked. */
export function modelAfterPolicies(
  shaping: RequestShaping | undefined,
  input: { identity: ClientIdentity | undefined; model: string; snapshot: ConfigSnapshot },
): string {
  return shaping === undefined ? input.model : shaping.policies.evaluate(input).model;
}

export function editsFor(
  shaping: RequestShaping | undefined,
  headers: IncomingHttpHeaders,
  body: unknown,
): RequestEdits {
  if (shaping === undefined) return {};
  const { systemPrompt, thinkingBudget } = shaping.settings();
  return planRequestEdits({ systemPrompt, thinkingBudget, headers, body });
}

const editTarget = (resolved: ResolvedModel): EditTarget => ({
  model: resolved.model,
  supportsReasoning: resolved.definition?.supportsReasoning === true,
});

const isEmpty = (edits: RequestEdits) => edits.systemPrompt === undefined && edits.thinking === undefined;

/** Pass-through: the client's body with the edits made in its own wire format (the same object when none apply). */
export function editedWireBody(
  body: Record<string, unknown>,
  edits: RequestEdits,
  resolved: ResolvedModel,
): Record<string, unknown> {
  return isEmpty(edits) ? body : applyWireEdits(resolved.format, body, edits, editTarget(resolved));
}

/** Translation: the parsed canonical request with the edits made, for this target's model. */
export function editedCanonical(
  parsed: () => Converted<CanonicalRequest>,
  edits: RequestEdits,
  resolved: ResolvedModel,
): () => Converted<CanonicalRequest> {
  if (isEmpty(edits)) return parsed;
  return () => {
    const { value, warnings } = parsed();
    return { value: applyCanonicalEdits(value, edits, editTarget(resolved)), warnings };
  };
}
