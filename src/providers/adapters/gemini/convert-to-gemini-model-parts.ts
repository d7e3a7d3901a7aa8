import type { AssistantContentPart, Converted } from '../../../core/canonical.js';
import type { GeminiPart } from './gemini-wire-types.js';

/** Gemini decodes `thoughtSignature` as bytes: a non-base64 one (another provider's id) is a 400. */
const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;

function argumentsObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Canonical assistant content → Gemini `model` parts.
 *
 * Signature placement mirrors what Gemini itself sends: a signature that signs reasoning followed by text moves
 * onto that text part (the first part after the thoughts); otherwise it stays on the thought part, or on an
 * empty text part when the reasoning text is empty. The inverse (`convertGeminiModelParts`) puts it back, so
 * Anthropic thinking signatures survive a trip through Gemini-shaped history.
 * Tool call ids are not sent: Gemini pairs calls and responses by name and order, and another provider's ids
 * (`toolu_…`) would mean nothing to it.
 */
export function convertToGeminiModelParts(content: AssistantContentPart[]): Converted<GeminiPart[]> {
  const parts: GeminiPart[] = [];
  const warnings: string[] = [];
  let pendingSignature: string | undefined;
  const acceptable = (signature: string | undefined): string | undefined => {
    if (signature === undefined || base64Pattern.test(signature)) return signature;
    warnings.push('A reasoning signature that is not base64 was dropped: Gemini cannot accept it.');
    return undefined;
  };
  const signed = (part: GeminiPart, signature: string | undefined): GeminiPart =>
    signature === undefined ? part : { ...part, thoughtSignature: signature };

  content.forEach((part, index) => {
    switch (part.type) {
      case 'text': {
        if (part.text === '' && pendingSignature === undefined) return;
        parts.push(signed({ text: part.text }, pendingSignature));
        pendingSignature = undefined;
        return;
      }
      case 'reasoning': {
        const signature = acceptable(part.signature);
        const carried = signature !== undefined && content[index + 1]?.type === 'text';
        if (carried) pendingSignature = signature;
        if (part.text !== '') {
          parts.push(signed({ text: part.text, thought: true }, carried ? undefined : signature));
        } else if (signature !== undefined && !carried) {
          parts.push({ text: '', thoughtSignature: signature });
        }
        return;
      }
      case 'redacted-reasoning':
        warnings.push('Redacted reasoning has no Gemini equivalent and was dropped.');
        return;
      case 'tool-call': {
        const args = argumentsObject(part.arguments);
        if (args === undefined) {
          warnings.push(`Tool call '${part.name}' had arguments that are not a JSON object; sent as {}.`);
        }
        parts.push(signed({ functionCall: { name: part.name, args: args ?? {} } }, acceptable(part.signature)));
        return;
      }
      default: {
        const unexpected: never = part;
        throw new Error(`Unexpected assistant part ${JSON.stringify(unexpected)}`);
      }
    }
  });
  return { value: parts, warnings };
}
