import type { MediaSource } from '../../core/canonical.js';

const dataUrlPattern = /^data:([^;,]+)((?:;[^;,]+)*);base64,(.*)$/s;

/**
 * A Responses `image_url` / `file_url` / `file_data` value → canonical media source. Base64 data URLs become
 * inline data (so formats without URL support can still send them); anything else stays a URL.
 */
export function mediaSourceFromUrl(url: string): MediaSource {
  const match = dataUrlPattern.exec(url);
  if (match?.[1] !== undefined && match[3] !== undefined) {
    return { kind: 'base64', mediaType: match[1], data: match[3] };
  }
  return { kind: 'url', url };
}

export function isDataUrl(value: string): boolean {
  return value.startsWith('data:');
}

const mediaTypesByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  xml: 'application/xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/**
 * `input_file.file_data` may be bare base64 (the docs show data URLs, SDK users often send bare data);
 * the canonical model needs a media type, so guess it from the filename. PDF is what the API mostly takes.
 */
export function mediaTypeFromFilename(filename: string | undefined): string {
  const extension = filename?.split('.').pop()?.toLowerCase();
  return (extension && mediaTypesByExtension[extension]) || 'application/pdf';
}
