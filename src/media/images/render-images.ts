/** An image an upstream returned as bytes. */
export interface InlineImage {
  base64: string;
  mimeType: string;
}

/**
 * OpenAI's `data` list from images that came back as bytes: `b64_json`, or for `response_format: "url"` a `data:`
 * URL (the gateway hosts no files, and these upstreams give no URL of their own).
 */
export function renderImages(images: readonly InlineImage[], responseFormat: 'url' | 'b64_json' | undefined) {
  return images.map(({ base64, mimeType }) =>
    responseFormat === 'url' ? { url: `data:${mimeType};base64,${base64}` } : { b64_json: base64 },
  );
}
