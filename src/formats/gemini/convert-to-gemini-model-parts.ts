import type { AssistantContentPart } from '../../core/canonical.js';
import type { GeminiPart } from './gemini-wire-types.js';

/** Model arguments are a JSON object text; a broken one (cut by max tokens) still has to be an object here. */
export function argumentsObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * Canonical assistant content → the `model` parts of a client answer. A signature that signs reasoning
 * followed by text moves onto that text part, where Gemini itself puts it (the first part after the thoughts);
 * otherwise it stays on the thought part (or an empty text part). `convertGeminiModelParts` reads both
 * placements back to the same canonical content. Call ids are sent so the client can echo them in its
 * `functionResponse`, which pairs results exactly instead of by name.
 */
export function convertToGeminiModelParts(content: AssistantContentPart[]): GeminiPart[] {
  const parts: GeminiPart[] = [];
  let pendingSignature: string | undefined;
  const signed = (part: GeminiPart, signature: string | undefined): GeminiPart =>
    signature === undefined ? part : { ...part, thoughtSignature: signature };

  content.forEach((part, index) => {
    switch (part.type) {
      case 'text':
        if (part.text === '' && pendingSignature === undefined) return;
        parts.push(signed({ text: part.text }, pendingSignature));
        pendingSignature = undefined;
        return;
      case 'reasoning': {
        const carried = part.signature !== undefined && content[index + 1]?.type === 'text';
        if (carried) pendingSignature = part.signature;
        if (part.text !== '') {
          parts.push(signed({ text: part.text, thought: true }, carried ? undefined : part.signature));
        } else if (part.signature !== undefined && !carried) {
          parts.push({ text: '', thoughtSignature: part.signature });
        }
        return;
      }
      case 'redacted-reasoning':
        // Opaque reasoning of another provider: a Gemini client could neither read nor return it.
        return;
      case 'tool-call':
        parts.push(
          signed(
            { functionCall: { name: part.name, args: argumentsObject(part.arguments), id: part.id } },
            part.signature,
          ),
        );
        return;
      default: {
        const unexpected: never = part;
        throw new Error(`Unexpected assistant part ${JSON.stringify(unexpected)}`);
      }
    }
  });
  return parts;
}
