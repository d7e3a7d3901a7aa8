import type { CanonicalRequest, Converted } from '../../../core/canonical.js';
import type { UpstreamRequest } from '../../../core/codec.js';
import { buildGeminiThinkingConfig } from './build-gemini-thinking-config.js';
import { cleanJsonSchemaForGemini } from './clean-json-schema-for-gemini.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { convertToGeminiTools } from './convert-to-gemini-tools.js';
import type { GeminiGenerationConfig, GeminiRequestBody } from './gemini-wire-types.js';

/** Gemini accepts at most 5 stop sequences (GenerationConfig.stopSequences). */
const maxStopSequences = 5;

export function geminiRequestPath(model: string, stream: boolean): string {
  return stream ? `/models/${model}:streamGenerateContent?alt=sse` : `/models/${model}:generateContent`;
}

function buildGenerationConfig(request: CanonicalRequest, warnings: string[]): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;
  if (request.stopSequences !== undefined && request.stopSequences.length > 0) {
    if (request.stopSequences.length > maxStopSequences) {
      warnings.push(`Gemini accepts ${maxStopSequences} stop sequences; the rest were dropped.`);
    }
    config.stopSequences = request.stopSequences.slice(0, maxStopSequences);
  }
  if (request.responseFormat?.type === 'json') {
    config.responseMimeType = 'application/json';
    if (request.responseFormat.schema !== undefined) {
      const cleaned = cleanJsonSchemaForGemini(request.responseFormat.schema);
      warnings.push(...cleaned.warnings.map((warning) => `responseFormat.schema: ${warning}`));
      config.responseSchema = cleaned.value;
    }
  }
  if (request.reasoning !== undefined) {
    const thinking = buildGeminiThinkingConfig(request.reasoning, request.model);
    warnings.push(...thinking.warnings);
    if (thinking.value !== undefined) config.thinkingConfig = thinking.value;
  }
  return config;
}

/** Canonical request → Gemini `generateContent` / `streamGenerateContent` request. Pure. */
export function buildGeminiRequest(request: CanonicalRequest): Converted<UpstreamRequest> {
  const warnings: string[] = [];
  const contents = convertToGeminiContents({ messages: request.messages, model: request.model });
  warnings.push(...contents.warnings);
  const tools = convertToGeminiTools({ tools: request.tools, toolChoice: request.toolChoice });
  warnings.push(...tools.warnings);
  if (request.parallelToolCalls === false) {
    warnings.push('Gemini has no switch for parallel function calls; parallelToolCalls: false was ignored.');
  }
  const generationConfig = buildGenerationConfig(request, warnings);
  const body: GeminiRequestBody = {
    contents: contents.value.contents,
    ...(contents.value.systemInstruction === undefined ? {} : { systemInstruction: contents.value.systemInstruction }),
    ...tools.value,
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
  };
  return { value: { path: geminiRequestPath(request.model, request.stream), body }, warnings };
}
