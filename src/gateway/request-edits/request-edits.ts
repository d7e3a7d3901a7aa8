import type { IncomingHttpHeaders } from 'node:http';
import type { ReasoningConfig, ReasoningEffort } from '../../core/canonical.js';
import type { SystemPromptSettings, ThinkingBudgetSettings } from '../../settings/request-shaping-settings.js';
import { adaptiveBudget, budgetForEffort, effortForBudget } from './adaptive-budget.js';

/** Text put before and after the request's own system content. */
export interface SystemPromptEdit {
  prefix: string;
  suffix: string;
}

/** `strip`: remove reasoning fields; `set`: a budget (0 = reasoning off) with its matching effort. */
export type ThinkingEdit = { type: 'strip' } | { type: 'set'; budgetTokens: number; effort: ReasoningEffort };

/** The configured edits that apply to one request, decided once however many targets it tries. */
export interface RequestEdits {
  systemPrompt?: SystemPromptEdit;
  thinking?: ThinkingEdit;
}

/** What an edit needs to know about the target: reasoning is only forced on models known to reason. */
export interface EditTarget {
  model: string;
  supportsReasoning: boolean;
}

export const noSystemPromptHeader = 'x-omniroute-no-system-prompt';

/**
 * Decides the edits for one request from the settings, the opt-out header and (adaptive mode) the body.
 * With both features off (the default) this is two field reads.
 */
export function planRequestEdits(input: {
  systemPrompt: SystemPromptSettings;
  thinkingBudget: ThinkingBudgetSettings;
  headers: IncomingHttpHeaders;
  body: unknown;
}): RequestEdits {
  const { systemPrompt, thinkingBudget, headers, body } = input;
  const edits: RequestEdits = {};
  if (systemPrompt.enabled && (systemPrompt.prefixPrompt !== '' || systemPrompt.suffixPrompt !== '')) {
    const optOut = headers[noSystemPromptHeader];
    const value = (Array.isArray(optOut) ? optOut[0] : optOut)?.trim().toLowerCase();
    if (value !== 'true' && value !== '1') {
      edits.systemPrompt = { prefix: systemPrompt.prefixPrompt, suffix: systemPrompt.suffixPrompt };
    }
  }
  const thinking = thinkingEditFor(thinkingBudget, body);
  if (thinking !== undefined) edits.thinking = thinking;
  return edits;
}

function thinkingEditFor(settings: ThinkingBudgetSettings, body: unknown): ThinkingEdit | undefined {
  switch (settings.mode) {
    case 'passthrough':
      return undefined;
    case 'auto':
      return { type: 'strip' };
    case 'custom': {
      const budgetTokens = settings.budgetTokens ?? budgetForEffort(settings.effort ?? 'medium');
      return { type: 'set', budgetTokens, effort: settings.effort ?? effortForBudget(budgetTokens) };
    }
    case 'adaptive': {
      const budgetTokens = adaptiveBudget(body, settings.budgetTokens);
      return { type: 'set', budgetTokens, effort: effortForBudget(budgetTokens) };
    }
    default: {
      const unreachable: never = settings.mode;
      throw new Error(`unknown thinking budget mode ${String(unreachable)}`);
    }
  }
}

/** A `set` edit as canonical reasoning, which every adapter already maps to its own wire fields. */
export function reasoningFor(edit: Extract<ThinkingEdit, { type: 'set' }>): ReasoningConfig {
  return edit.budgetTokens === 0
    ? { enabled: false }
    : { enabled: true, budgetTokens: edit.budgetTokens, effort: edit.effort };
}

/** The system text with the configured prefix and suffix, blank lines between; empty pieces are left out. */
export function surround(edit: SystemPromptEdit, text: string | undefined): string {
  return [edit.prefix, text ?? '', edit.suffix].filter((piece) => piece !== '').join('\n\n');
}
