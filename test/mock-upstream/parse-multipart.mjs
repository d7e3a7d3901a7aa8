// A minimal multipart/form-data reader: enough for the audio transcription form (fields plus one file).

/**
 * @typedef {{ filename: string, size: number, contentType: string | undefined }} UploadedFile
 * @typedef {{ fields: Record<string, string>, files: Record<string, UploadedFile> }} MultipartForm
 */

const NAME = /;\s*name="([^"]*)"/i;
const FILENAME = /;\s*filename="([^"]*)"/i;
const PART_TYPE = /^content-type:\s*(.+)$/im;

/**
 * @param {Buffer} raw
 * @param {string | undefined} contentType
 * @returns {MultipartForm | undefined} undefined when the body is not multipart
 */
export function parseMultipart(raw, contentType = '') {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (!contentType.startsWith('multipart/form-data') || token === undefined) return undefined;
  const delimiter = Buffer.from(`--${token}`);
  /** @type {MultipartForm} */
  const form = { fields: {}, files: {} };
  let position = raw.indexOf(delimiter);
  while (position !== -1) {
    let start = position + delimiter.length;
    if (raw[start] === 0x2d && raw[start + 1] === 0x2d) break;
    start += 2;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    const part = raw.subarray(start, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('latin1');
      const content = part.subarray(headerEnd + 4);
      const name = NAME.exec(headers)?.[1];
      const filename = FILENAME.exec(headers)?.[1];
      if (name !== undefined && filename !== undefined) {
        form.files[name] = { filename, size: content.length, contentType: PART_TYPE.exec(headers)?.[1]?.trim() };
      } else if (name !== undefined) form.fields[name] = content.toString('utf8');
    }
    position = next;
  }
  return form;
}
