/**
 * Ollama images are bare base64 with no media type; formats like Anthropic need one, so we sniff the
 * magic bytes of the few formats vision models accept. PNG is the fallback because it is what Ollama's own
 * clients send most often.
 */
export function detectImageMediaType(base64: string): string {
  // 16 base64 characters decode to 12 bytes: enough for every signature below (WebP needs bytes 8–11).
  const head = Buffer.from(base64.slice(0, 16), 'base64');
  if (head.length >= 4 && head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) {
    return 'image/png';
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'GIF8') return 'image/gif';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return 'image/png';
}

/** Reads one entry of Ollama's `images`: bare base64, or (tolerated) a data URL. */
export function parseOllamaImage(image: string): { mediaType: string; data: string } {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(image);
  if (match?.[1] !== undefined && match[2] !== undefined) return { mediaType: match[1], data: match[2] };
  return { mediaType: detectImageMediaType(image), data: image };
}
