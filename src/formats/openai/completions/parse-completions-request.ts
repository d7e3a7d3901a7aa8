import type { CanonicalRequest, Converted } from '../../../core/canonical.js';
import type { ParseHints } from '../../../core/codec.js';
import {
  invalidField,
  isRecord,
  omitUndefined,
  readBoolean,
  readInteger,
  readNumber,
  readPositiveInteger,
  readStopSequences,
  readString,
} from '../field-readers.js';

/**
 * Legacy text completion request (`POST /v1/completions`) → canonical request: the prompt becomes one user
 * message. Chat models answer a prompt rather than continue it, which is the accepted trade-off of serving this
 * old API from chat upstreams. OpenAI's old default of `max_tokens: 16` is not applied: it would cut every answer
 * of a chat model short.
 */
export function parseCompletionsRequest(body: unknown, hints: ParseHints = {}): Converted<CanonicalRequest> {
  if (!isRecord(body)) throw invalidField('body', 'The request body must be a JSON object');
  const warnings: string[] = [];
  const model = readString(body.model, 'model') || hints.model;
  if (model === undefined || model === '') throw invalidField('model', 'model is required');
  const prompt = readPrompt(body.prompt);
  const choices = readInteger(body.n, 'n');
  if (choices !== undefined && choices > 1)
    throw invalidField('n', 'n > 1 is not supported: request one choice at a time');
  if (readBoolean(body.echo, 'echo') === true) throw invalidField('echo', 'echo is not supported by the gateway');
  if (readString(body.suffix, 'suffix')) warnings.push('suffix (insertion) is not supported and was ignored');
  if (body.logprobs !== undefined && body.logprobs !== null)
    warnings.push('logprobs are not supported and are not returned');
  const bestOf = readInteger(body.best_of, 'best_of');
  if (bestOf !== undefined && bestOf > 1) warnings.push('best_of is not supported and was ignored');
  if (body.logit_bias !== undefined && body.logit_bias !== null)
    warnings.push('logit_bias is not supported and was ignored');

  const request: CanonicalRequest = omitUndefined({
    model,
    messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: prompt }] }],
    maxOutputTokens: readPositiveInteger(body.max_tokens, 'max_tokens'),
    temperature: readNumber(body.temperature, 'temperature'),
    topP: readNumber(body.top_p, 'top_p'),
    seed: readInteger(body.seed, 'seed'),
    stopSequences: readStopSequences(body.stop, 'stop'),
    frequencyPenalty: readNumber(body.frequency_penalty, 'frequency_penalty'),
    presencePenalty: readNumber(body.presence_penalty, 'presence_penalty'),
    stream: readBoolean(body.stream, 'stream') ?? hints.stream ?? false,
    user: readString(body.user, 'user'),
  });
  return { value: request, warnings };
}

/** A string, or a list holding exactly one string; batched and token-id prompts would need several answers. */
function readPrompt(value: unknown): string {
  if (typeof value === 'string' && value !== '') return value;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string' && value[0] !== '') return value[0];
  throw invalidField('prompt', 'prompt must be a non-empty string or an array holding exactly one string');
}
