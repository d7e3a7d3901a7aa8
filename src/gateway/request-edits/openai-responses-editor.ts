import { surround } from './request-edits.js';
import { isRecord, type WireEditor, without } from './wire-editor.js';

/** OpenAI Responses: system content is `instructions`; reasoning is `reasoning: {effort, summary}`. */
export const openaiResponsesEditor: WireEditor = {
  addSystemPrompt: (body, edit) => ({
    ...body,
    instructions: surround(edit, typeof body.instructions === 'string' ? body.instructions : undefined),
  }),
  // `reasoning.summary` alone is a display preference, not a request to reason (as the Responses codec reads it).
  asksForReasoning: (body) => isRecord(body.reasoning) && typeof body.reasoning.effort === 'string',
  stripReasoning: (body) => without(body, 'reasoning'),
  setReasoning: (body, reasoning) => {
    // Off leaves `reasoning` out rather than sending effort 'none', which only newer models accept.
    if (reasoning.enabled === false || reasoning.effort === undefined) return without(body, 'reasoning');
    const existing = isRecord(body.reasoning) ? body.reasoning : {};
    return { ...body, reasoning: { ...existing, effort: reasoning.effort } };
  },
};
