import type {
  CanonicalRequest,
  Converted,
  ReasoningConfig,
  ReasoningEffort,
  ResponseFormat,
} from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import type { GeminiGenerationConfigInput } from './gemini-request-schema.js';
import { geminiSchemaToJsonSchema } from './gemini-schema-to-json-schema.js';

type GenerationFields = Pick<
  CanonicalRequest,
  | 'maxOutputTokens'
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'seed'
  | 'stopSequences'
  | 'presencePenalty'
  | 'frequencyPenalty'
  | 'responseFormat'
  | 'reasoning'
>;

/**
 * `thinkingBudget` → effort, the inverse of the adapter's effort → budget table (minimal 512, low 1024,
 * medium 8192, high 24576), so a budget also reaches upstreams that only take an effort (OpenAI).
 */
function effortForBudget(budget: number): ReasoningEffort {
  if (budget <= 512) return 'minimal';
  if (budget <= 1024) return 'low';
  if (budget <= 8192) return 'medium';
  return 'high';
}

const effortForLevel: Record<string, ReasoningEffort> = {
  MINIMAL: 'minimal',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
};

function reasoningFor(thinking: GeminiGenerationConfigInput['thinkingConfig']): ReasoningConfig | undefined {
  if (thinking === undefined) return undefined;
  const { thinkingBudget: budget, thinkingLevel, includeThoughts } = thinking;
  const levelEffort = thinkingLevel === undefined ? undefined : effortForLevel[thinkingLevel.toUpperCase()];
  if (budget === 0) return { enabled: false };
  if (budget !== undefined && budget > 0) {
    return { enabled: true, budgetTokens: budget, effort: levelEffort ?? effortForBudget(budget) };
  }
  if (levelEffort !== undefined) return { enabled: true, effort: levelEffort };
  // -1 is Gemini's "dynamic" budget: thinking on, size left to the model.
  if (budget === -1 || includeThoughts === true) return { enabled: true };
  return undefined;
}

function responseFormatFor(config: GeminiGenerationConfigInput, warnings: string[]): ResponseFormat | undefined {
  const { responseMimeType: mimeType, responseJsonSchema, responseSchema } = config;
  const hasSchema = responseJsonSchema !== undefined || responseSchema !== undefined;
  if (mimeType === 'text/x.enum') {
    warnings.push("responseMimeType 'text/x.enum' was translated as JSON output.");
  } else if (mimeType !== 'application/json' && !hasSchema) {
    return undefined;
  }
  if (typeof responseJsonSchema === 'object' && responseJsonSchema !== null && !Array.isArray(responseJsonSchema)) {
    return { type: 'json', schema: responseJsonSchema as Record<string, unknown> };
  }
  if (responseSchema !== undefined) return { type: 'json', schema: geminiSchemaToJsonSchema(responseSchema) };
  return { type: 'json' };
}

/** Gemini `generationConfig` → canonical sampling, output, structured-output and reasoning settings. */
export function convertGeminiGenerationConfig(
  config: GeminiGenerationConfigInput | undefined,
): Converted<GenerationFields> {
  const warnings: string[] = [];
  if (config === undefined) return { value: {}, warnings };
  if (config.candidateCount !== undefined && config.candidateCount > 1) {
    const param = 'generationConfig.candidateCount';
    throw new GatewayError('invalid_request', `${param} > 1 is not supported by the gateway.`, { param });
  }
  const nonText = (config.responseModalities ?? []).filter((modality) => modality.toUpperCase() !== 'TEXT');
  if (nonText.length > 0) warnings.push(`responseModalities ${nonText.join(', ')} are not translated; text only.`);
  if (config.responseLogprobs === true) warnings.push('responseLogprobs is not translated and was ignored.');
  if (config.speechConfig !== undefined) warnings.push('speechConfig is not translated and was ignored.');

  const responseFormat = responseFormatFor(config, warnings);
  const reasoning = reasoningFor(config.thinkingConfig);
  const value: GenerationFields = {
    ...(config.maxOutputTokens === undefined ? {} : { maxOutputTokens: config.maxOutputTokens }),
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
    ...(config.topP === undefined ? {} : { topP: config.topP }),
    ...(config.topK === undefined ? {} : { topK: config.topK }),
    ...(config.seed === undefined ? {} : { seed: config.seed }),
    ...(config.stopSequences === undefined || config.stopSequences.length === 0
      ? {}
      : { stopSequences: config.stopSequences }),
    ...(config.presencePenalty === undefined ? {} : { presencePenalty: config.presencePenalty }),
    ...(config.frequencyPenalty === undefined ? {} : { frequencyPenalty: config.frequencyPenalty }),
    ...(responseFormat === undefined ? {} : { responseFormat }),
    ...(reasoning === undefined ? {} : { reasoning }),
  };
  return { value, warnings };
}
