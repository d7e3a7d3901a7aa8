import type { CanonicalRequest, Converted } from '../../core/canonical.js';
import type { ParseHints } from '../../core/codec.js';
import { GatewayError } from '../../core/errors.js';
import { convertGeminiContents } from './convert-gemini-contents.js';
import { convertGeminiGenerationConfig } from './convert-gemini-generation-config.js';
import { convertGeminiTools } from './convert-gemini-tools.js';
import { geminiRequestSchema } from './gemini-request-schema.js';
import { normalizeGeminiKeys } from './normalize-gemini-keys.js';
import { parseWithSchema } from './parse-with-schema.js';

/**
 * A Gemini `generateContent` body → canonical request. The model and streaming come from the URL
 * (`models/{model}:streamGenerateContent`), passed as hints; a body `model` is only a fallback.
 */
export function parseGeminiRequest(body: unknown, hints: ParseHints = {}): Converted<CanonicalRequest> {
  const request = parseWithSchema(geminiRequestSchema, normalizeGeminiKeys(body));
  const model = hints.model ?? request.model?.replace(/^models\//, '');
  if (model === undefined || model === '') {
    throw new GatewayError('invalid_request', 'The model is missing: call /v1beta/models/{model}:generateContent.', {
      param: 'model',
    });
  }
  const warnings: string[] = [];
  const messages = convertGeminiContents(request);
  warnings.push(...messages.warnings);
  const tools = convertGeminiTools(request);
  warnings.push(...tools.warnings);
  const generation = convertGeminiGenerationConfig(request.generationConfig);
  warnings.push(...generation.warnings);
  if ((request.safetySettings ?? []).length > 0) {
    warnings.push('safetySettings only apply when the upstream is Gemini; they were not translated.');
  }
  if (request.cachedContent !== undefined) {
    warnings.push('cachedContent refers to a Gemini-side cache; it was not translated.');
  }
  return {
    value: {
      model,
      messages: messages.value,
      ...tools.value,
      ...generation.value,
      stream: hints.stream ?? false,
    },
    warnings,
  };
}
