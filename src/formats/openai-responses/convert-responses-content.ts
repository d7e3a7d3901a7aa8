import type { FilePart, ImagePart, TextPart, UserContentPart } from '../../core/canonical.js';
import { isDataUrl, mediaSourceFromUrl, mediaTypeFromFilename } from './media-source-from-url.js';
import { invalidField, parseWithSchema } from './parse-with-schema.js';
import {
  inputFileSchema,
  inputImageSchema,
  inputTextSchema,
  outputTextSchema,
  refusalSchema,
} from './responses-request-schema.js';

function partType(value: unknown, path: string): string {
  if (typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string') {
    return value.type;
  }
  throw invalidField(`${path}.type`, 'expected a content part with a string type');
}

function toImagePart(value: unknown, path: string, warnings: string[]): ImagePart | undefined {
  const part = parseWithSchema(inputImageSchema, value, path);
  if (!part.image_url) {
    if (part.file_id) {
      warnings.push(`${path}: image file_id points into OpenAI file storage, which the gateway cannot read; dropped`);
      return undefined;
    }
    throw invalidField(`${path}.image_url`, 'an input_image needs image_url (a data URL or an http(s) URL)');
  }
  // 'original' (keep full resolution) has no canonical value; 'high' is the closest other formats know.
  const detail = part.detail === 'original' ? 'high' : (part.detail ?? undefined);
  return { type: 'image', source: mediaSourceFromUrl(part.image_url), ...(detail ? { detail } : {}) };
}

function toFilePart(value: unknown, path: string, warnings: string[]): FilePart | undefined {
  const part = parseWithSchema(inputFileSchema, value, path);
  const filename = part.filename ?? undefined;
  const named = filename ? { filename } : {};
  if (part.file_data) {
    const source = isDataUrl(part.file_data)
      ? mediaSourceFromUrl(part.file_data)
      : { kind: 'base64' as const, mediaType: mediaTypeFromFilename(filename), data: part.file_data };
    return { type: 'file', source, ...named };
  }
  if (part.file_url) return { type: 'file', source: mediaSourceFromUrl(part.file_url), ...named };
  if (part.file_id) {
    warnings.push(`${path}: file_id points into OpenAI file storage, which the gateway cannot read; dropped`);
    return undefined;
  }
  throw invalidField(path, 'an input_file needs file_data or file_url');
}

/** User message content (string or input parts) → canonical user parts. */
export function convertUserContent(content: string | unknown[], path: string, warnings: string[]): UserContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: UserContentPart[] = [];
  content.forEach((value, index) => {
    const partPath = `${path}[${index}]`;
    const type = partType(value, partPath);
    if (type === 'input_text')
      parts.push({ type: 'text', text: parseWithSchema(inputTextSchema, value, partPath).text });
    else if (type === 'input_image') {
      const image = toImagePart(value, partPath, warnings);
      if (image) parts.push(image);
    } else if (type === 'input_file') {
      const file = toFilePart(value, partPath, warnings);
      if (file) parts.push(file);
    } else throw invalidField(`${partPath}.type`, `unsupported content type '${type}' in a user message`);
  });
  return parts;
}

/** System/developer content: the canonical system message is text only, so media is dropped with a warning. */
export function convertSystemContent(content: string | unknown[], path: string, warnings: string[]): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: TextPart[] = [];
  content.forEach((value, index) => {
    const partPath = `${path}[${index}]`;
    const type = partType(value, partPath);
    if (type === 'input_text')
      parts.push({ type: 'text', text: parseWithSchema(inputTextSchema, value, partPath).text });
    else if (type === 'input_image' || type === 'input_file') {
      warnings.push(`${partPath}: ${type} in a system/developer message is not supported; dropped`);
    } else throw invalidField(`${partPath}.type`, `unsupported content type '${type}' in a system message`);
  });
  return parts;
}

/** Assistant message content: output_text and refusal (and input_text, which EasyInputMessage allows) → text. */
export function convertAssistantContent(content: string | unknown[], path: string): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.map((value, index): TextPart => {
    const partPath = `${path}[${index}]`;
    const type = partType(value, partPath);
    if (type === 'output_text') return { type: 'text', text: parseWithSchema(outputTextSchema, value, partPath).text };
    if (type === 'input_text') return { type: 'text', text: parseWithSchema(inputTextSchema, value, partPath).text };
    if (type === 'refusal') return { type: 'text', text: parseWithSchema(refusalSchema, value, partPath).refusal };
    throw invalidField(`${partPath}.type`, `unsupported content type '${type}' in an assistant message`);
  });
}

/** `function_call_output.output` → tool-result content. Canonical results carry text and images only. */
export function convertToolOutput(
  output: string | unknown[],
  path: string,
  warnings: string[],
): Array<TextPart | ImagePart> {
  if (typeof output === 'string') return output === '' ? [] : [{ type: 'text', text: output }];
  const parts: Array<TextPart | ImagePart> = [];
  output.forEach((value, index) => {
    const partPath = `${path}[${index}]`;
    const type = partType(value, partPath);
    if (type === 'input_text')
      parts.push({ type: 'text', text: parseWithSchema(inputTextSchema, value, partPath).text });
    else if (type === 'input_image') {
      const image = toImagePart(value, partPath, warnings);
      if (image) parts.push(image);
    } else if (type === 'input_file') {
      warnings.push(`${partPath}: files inside a function_call_output cannot be translated; dropped`);
    } else throw invalidField(`${partPath}.type`, `unsupported content type '${type}' in a function_call_output`);
  });
  return parts;
}
