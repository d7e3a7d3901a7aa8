import type { AssistantContentPart, Converted } from '../../../core/canonical.js';
import type { GeminiResponsePart } from './gemini-response-schema.js';

/**
 * Gemini `model` parts → canonical assistant content, the inverse of `convertToGeminiModelParts`.
 * - `thought: true` parts are reasoning; consecutive ones merge while unsigned, so one thinking block stays one.
 * - A signature on a text part signs the thoughts before it (Gemini puts it on the first part after them), so it
 *   joins the preceding unsigned reasoning; with none, it becomes an empty reasoning part before the text.
 * - A signature on a function call stays on the call (Gemini 3 validates it there).
 * - Calls without an id (the usual case) get one from `createId`.
 */
export function convertGeminiModelParts(
  parts: GeminiResponsePart[],
  createId: () => string,
): Converted<AssistantContentPart[]> {
  const content: AssistantContentPart[] = [];
  const warnings: string[] = [];
  const attachSignature = (signature: string): void => {
    const previous = content.at(-1);
    if (previous?.type === 'reasoning' && previous.signature === undefined) previous.signature = signature;
    else content.push({ type: 'reasoning', text: '', signature });
  };

  for (const part of parts) {
    const signature = part.thoughtSignature;
    if (part.functionCall !== undefined) {
      const { name, args, id } = part.functionCall;
      content.push({
        type: 'tool-call',
        id: id ?? createId(),
        name: name ?? '',
        arguments: JSON.stringify(args ?? {}),
        ...(signature === undefined ? {} : { signature }),
      });
    } else if (part.thought === true) {
      const previous = content.at(-1);
      const text = part.text ?? '';
      if (previous?.type === 'reasoning' && previous.signature === undefined) {
        previous.text += text;
        if (signature !== undefined) previous.signature = signature;
      } else {
        content.push({ type: 'reasoning', text, ...(signature === undefined ? {} : { signature }) });
      }
    } else if (part.text !== undefined) {
      if (signature !== undefined) attachSignature(signature);
      if (part.text !== '') content.push({ type: 'text', text: part.text });
    } else {
      if (signature !== undefined) attachSignature(signature);
      const kind = Object.keys(part).find((key) => key !== 'thoughtSignature') ?? 'empty';
      warnings.push(`A Gemini '${kind}' part has no canonical form and was dropped.`);
    }
  }
  return { value: content, warnings };
}
