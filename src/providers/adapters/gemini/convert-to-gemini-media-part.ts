import type { Converted, MediaSource } from '../../../core/canonical.js';
import type { GeminiPart } from './gemini-wire-types.js';

const mediaTypeByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
};

function mediaTypeFromUrl(url: string): string | undefined {
  const match = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url);
  return match?.[1] === undefined ? undefined : mediaTypeByExtension[match[1].toLowerCase()];
}

/**
 * A canonical image/file source → a Gemini part. Base64 and data URLs become `inlineData`; other URLs become
 * `fileData`, which Gemini requires a `mimeType` for, so one is guessed from the extension when missing.
 */
export function convertToGeminiMediaPart(source: MediaSource, kind: 'image' | 'file'): Converted<GeminiPart> {
  if (source.kind === 'base64') {
    return { value: { inlineData: { mimeType: source.mediaType, data: source.data } }, warnings: [] };
  }
  const dataUrl = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(source.url);
  if (dataUrl?.[2] !== undefined) {
    const mimeType = dataUrl[1] ?? source.mediaType ?? (kind === 'image' ? 'image/png' : 'application/octet-stream');
    return { value: { inlineData: { mimeType, data: dataUrl[2] } }, warnings: [] };
  }
  const guessed = source.mediaType ?? mediaTypeFromUrl(source.url);
  const mimeType = guessed ?? (kind === 'image' ? 'image/jpeg' : 'application/pdf');
  const warnings =
    guessed === undefined ? [`No media type for ${kind} URL ${source.url}; sent to Gemini as ${mimeType}.`] : [];
  return { value: { fileData: { mimeType, fileUri: source.url } }, warnings };
}
