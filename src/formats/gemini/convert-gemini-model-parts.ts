import type { AssistantContentPart, Converted } from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import type { GeminiRequestPart } from './gemini-request-schema.js';

/**
 * The parts of a `model` content in the client's history → canonical assistant content.
 * - `thought: true` parts are reasoning; consecutive ones merge while unsigned.
 * - A signature on a text part signs the thoughts before it (Gemini puts it on the first part after them), so it
 *   joins the preceding unsigned reasoning; with none, it becomes an empty reasoning part before the text.
 *   The encoder and `renderGeminiResponse` place signatures the same way, so they come back where they were.
 * - A signature on a function call stays on the call (Gemini 3 validates it there).
 * - A call without an id gets `call_<content>_<part>`: stable across the turns of one conversation, so a prompt
 *   cache upstream (Anthropic) keeps hitting, and unique within it.
 */
export function convertGeminiModelParts(
  parts: GeminiRequestPart[],
  contentIndex: number,
): Converted<AssistantContentPart[]> {
  const content: AssistantContentPart[] = [];
  const warnings: string[] = [];
  const attachSignature = (signature: string): void => {
    const previous = content.at(-1);
    if (previous?.type === 'reasoning' && previous.signature === undefined) previous.signature = signature;
    else content.push({ type: 'reasoning', text: '', signature });
  };

  parts.forEach((part, partIndex) => {
    const signature = part.thoughtSignature;
    const param = `contents[${contentIndex}].parts[${partIndex}]`;
    if (part.functionResponse !== undefined) {
      throw new GatewayError('invalid_request', `${param}: a functionResponse belongs in a 'user' content.`, {
        param: `${param}.functionResponse`,
      });
    }
    if (part.functionCall !== undefined) {
      const { name, args, id } = part.functionCall;
      content.push({
        type: 'tool-call',
        id: id ?? `call_${contentIndex}_${partIndex}`,
        name,
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
      warnings.push(`${param}: a '${kind}' part in model content has no canonical form and was dropped.`);
    }
  });
  return { value: content, warnings };
}
