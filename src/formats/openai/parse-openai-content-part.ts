import type { CacheControl, FilePart, ImagePart, MediaSource, TextPart } from '../../core/canonical.js';
import {
  invalidField,
  isRecord,
  type JsonObject,
  omitUndefined,
  readRecord,
  readString,
  requireRecord,
  requireString,
} from './field-readers.js';

/**
 * Caching marks on a content part. OpenAI's own `prompt_cache_breakpoint: {mode: 'explicit'}` and the
 * Anthropic-style `cache_control` that OpenRouter and LiteLLM clients put on OpenAI parts both mean "cache the
 * prompt up to here", which is what the canonical mark says.
 */
export function parseCacheControl(part: JsonObject, param: string): CacheControl | undefined {
  const cacheControl = readRecord(part.cache_control, `${param}.cache_control`);
  if (cacheControl !== undefined) {
    const ttl = readString(cacheControl.ttl, `${param}.cache_control.ttl`);
    return omitUndefined({ type: 'ephemeral' as const, ttl });
  }
  if (isRecord(part.prompt_cache_breakpoint)) return { type: 'ephemeral' };
  return undefined;
}

export function parseTextPart(part: JsonObject, param: string): TextPart {
  const text = readString(part.text, `${param}.text`);
  if (text === undefined) throw invalidField(`${param}.text`, `${param}.text is required`);
  return omitUndefined({ type: 'text' as const, text, cacheControl: parseCacheControl(part, param) });
}

const dataUrlPattern = /^data:([^;,]*)((?:;[^;,]*)*?);base64,(.*)$/s;

/** `data:image/png;base64,AAAA` → base64 source; anything else is a URL the upstream fetches. */
export function parseMediaUrl(url: string, param: string): MediaSource {
  if (!url.startsWith('data:')) return { kind: 'url', url };
  const match = dataUrlPattern.exec(url);
  if (match === null) throw invalidField(param, `${param} must be a base64 data URL (data:<media type>;base64,<data>)`);
  return { kind: 'base64', mediaType: match[1] || 'application/octet-stream', data: match[3] ?? '' };
}

export function parseImagePart(part: JsonObject, param: string): ImagePart {
  // Some clients send `image_url` as a bare string; the SDK shape is `{ url, detail }`.
  const imageUrl =
    typeof part.image_url === 'string' ? { url: part.image_url } : requireRecord(part.image_url, `${param}.image_url`);
  const url = requireString(imageUrl.url, `${param}.image_url.url`);
  const detail = readString(imageUrl.detail, `${param}.image_url.detail`);
  if (detail !== undefined && detail !== 'auto' && detail !== 'low' && detail !== 'high') {
    throw invalidField(`${param}.image_url.detail`, `${param}.image_url.detail must be one of auto, low, high`);
  }
  return omitUndefined({
    type: 'image' as const,
    source: parseMediaUrl(url, `${param}.image_url.url`),
    detail,
    cacheControl: parseCacheControl(part, param),
  });
}

/** OpenAI's chat file input accepts PDFs; the table lets raw base64 with a filename keep a sensible type. */
const mediaTypeByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

function mediaTypeForFilename(filename: string | undefined): string {
  const extension = filename?.split('.').pop()?.toLowerCase();
  return (extension !== undefined && mediaTypeByExtension[extension]) || 'application/pdf';
}

export function parseFilePart(part: JsonObject, param: string): FilePart {
  const file = requireRecord(part.file, `${param}.file`);
  const filename = readString(file.filename, `${param}.file.filename`);
  const fileData = readString(file.file_data, `${param}.file.file_data`);
  if (fileData === undefined) {
    if (file.file_id !== undefined && file.file_id !== null) {
      throw invalidField(
        `${param}.file.file_id`,
        'file_id refers to a file uploaded to OpenAI, which the gateway cannot forward to other providers; send file_data instead',
      );
    }
    throw invalidField(`${param}.file.file_data`, `${param}.file.file_data is required`);
  }
  // OpenAI documents file_data as base64 but in practice expects a data URL; accept both.
  const source: MediaSource = fileData.startsWith('data:')
    ? parseMediaUrl(fileData, `${param}.file.file_data`)
    : { kind: 'base64', mediaType: mediaTypeForFilename(filename), data: fileData };
  return omitUndefined({ type: 'file' as const, source, filename, cacheControl: parseCacheControl(part, param) });
}
