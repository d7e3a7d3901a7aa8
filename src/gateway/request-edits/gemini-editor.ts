import { buildGeminiThinkingConfig } from '../../providers/adapters/gemini/build-gemini-thinking-config.js';
import { isRecord, type WireBody, type WireEditor, without } from './wire-editor.js';

/**
 * Gemini generateContent: system content is `systemInstruction` (`{parts: [{text}]}`), reasoning is
 * `generationConfig.thinkingConfig`. The REST API also takes snake_case names (`system_instruction`,
 * `generation_config`, `thinking_config`): whichever the client used is the one edited.
 */
export const geminiEditor: WireEditor = {
  addSystemPrompt: (body, edit) => {
    const key =
      'system_instruction' in body && !('systemInstruction' in body) ? 'system_instruction' : 'systemInstruction';
    const existing = body[key];
    const instruction = isRecord(existing)
      ? existing
      : typeof existing === 'string'
        ? { parts: [{ text: existing }] }
        : {};
    const parts = Array.isArray(instruction.parts) ? instruction.parts : [];
    const added = (text: string) => (text === '' ? [] : [{ text }]);
    return { ...body, [key]: { ...instruction, parts: [...added(edit.prefix), ...parts, ...added(edit.suffix)] } };
  },
  asksForReasoning: (body) => {
    const config = generationConfigOf(body).value;
    return isRecord(config.thinkingConfig) || isRecord(config.thinking_config);
  },
  stripReasoning: (body) => {
    const { key, value } = generationConfigOf(body);
    if (!('thinkingConfig' in value) && !('thinking_config' in value)) return body;
    return { ...body, [key]: without(value, 'thinkingConfig', 'thinking_config') };
  },
  setReasoning: (body, reasoning, target) => {
    const { key, value } = generationConfigOf(body);
    const existing = isRecord(value.thinkingConfig)
      ? value.thinkingConfig
      : isRecord(value.thinking_config)
        ? value.thinking_config
        : {};
    const { includeThoughts: _forced, ...built } = buildGeminiThinkingConfig(reasoning, target.model).value ?? {};
    // Whether thoughts come back is the client's choice (it must be able to show them); the budget is ours.
    const includeThoughts = existing.includeThoughts ?? existing.include_thoughts;
    const thinkingConfig = { ...(includeThoughts === undefined ? {} : { includeThoughts }), ...built };
    return { ...body, [key]: { ...without(value, 'thinking_config'), thinkingConfig } };
  },
};

function generationConfigOf(body: WireBody): { key: string; value: WireBody } {
  const key = 'generation_config' in body && !('generationConfig' in body) ? 'generation_config' : 'generationConfig';
  const value = body[key];
  return { key, value: isRecord(value) ? value : {} };
}
