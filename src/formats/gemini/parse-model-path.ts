import { GatewayError } from '../../core/errors.js';

const geminiMethods = [
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'embedContent',
  'batchEmbedContents',
] as const;

export type GeminiMethod = (typeof geminiMethods)[number];

function isGeminiMethod(value: string): value is GeminiMethod {
  return (geminiMethods as readonly string[]).includes(value);
}

/**
 * `[/v1beta/]models/{model}:{method}[?query]` → model and method. The model may hold `/` (`gemini/gemini-2.5-pro`)
 * and `:` (`llama3:8b`), so the method is what follows the last colon.
 */
export function parseModelPath(path: string): { model: string; method: GeminiMethod } {
  const withoutQuery = path.split('?')[0] ?? '';
  const match = /(?:^|\/)models\/(.+)$/.exec(withoutQuery);
  if (match?.[1] === undefined) {
    throw new GatewayError('not_found', `'${withoutQuery}' is not a models/{model}:{method} path.`);
  }
  let rest: string;
  try {
    rest = decodeURIComponent(match[1]);
  } catch {
    throw new GatewayError('invalid_request', `The model path '${match[1]}' is not validly URL-encoded.`, {
      param: 'model',
    });
  }
  const colon = rest.lastIndexOf(':');
  const model = colon === -1 ? rest : rest.slice(0, colon);
  const method = colon === -1 ? '' : rest.slice(colon + 1);
  if (model === '') {
    throw new GatewayError('invalid_request', 'The model name in the path is empty.', { param: 'model' });
  }
  if (!isGeminiMethod(method)) {
    throw new GatewayError(
      'not_found',
      method === ''
        ? `No method in '${rest}': expected models/{model}:generateContent.`
        : `Unknown method '${method}'.`,
    );
  }
  return { model, method };
}
