import type { Converted, UserContentPart } from '../../core/canonical.js';
import { GatewayError } from '../../core/errors.js';
import type { GeminiRequestPart } from './gemini-request-schema.js';

type MediaFields = Pick<GeminiRequestPart, 'inlineData' | 'fileData'>;

/** `inlineData` / `fileData` → canonical image (for `image/*`) or file part. */
export function convertGeminiMedia(part: MediaFields): UserContentPart | undefined {
  if (part.inlineData !== undefined) {
    const { mimeType, data } = part.inlineData;
    const source = { kind: 'base64' as const, mediaType: mimeType, data };
    if (mimeType.startsWith('image/')) return { type: 'image', source };
    const filename = part.inlineData.displayName;
    return { type: 'file', source, ...(typeof filename === 'string' ? { filename } : {}) };
  }
  if (part.fileData !== undefined) {
    const { mimeType, fileUri, displayName } = part.fileData;
    const source = { kind: 'url' as const, url: fileUri, ...(mimeType === undefined ? {} : { mediaType: mimeType }) };
    if (mimeType?.startsWith('image/') === true) return { type: 'image', source };
    return { type: 'file', source, ...(displayName === undefined ? {} : { filename: displayName }) };
  }
  return undefined;
}

/** One part of a `user` content that is not a function response → a canonical user part. */
export function convertGeminiUserPart(part: GeminiRequestPart, param: string): Converted<UserContentPart | undefined> {
  if (part.functionCall !== undefined) {
    throw new GatewayError('invalid_request', `${param}: a functionCall belongs in a 'model' content.`, {
      param: `${param}.functionCall`,
    });
  }
  if (part.thought === true) {
    return { value: undefined, warnings: [`${param}: a thought part in user content was dropped.`] };
  }
  if (part.text !== undefined) {
    return { value: part.text === '' ? undefined : { type: 'text', text: part.text }, warnings: [] };
  }
  const media = convertGeminiMedia(part);
  if (media !== undefined) return { value: media, warnings: [] };
  const kind = Object.keys(part).find((key) => key !== 'thoughtSignature') ?? 'empty';
  return { value: undefined, warnings: [`${param}: a '${kind}' part has no canonical form and was dropped.`] };
}
