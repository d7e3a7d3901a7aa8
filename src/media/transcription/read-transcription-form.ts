import type { FastifyRequest } from 'fastify';
import { errorMessage, GatewayError } from '../../core/errors.js';

/** The uploaded audio. Logged bodies show its name, type and size, never its bytes. */
export class UploadedAudio {
  constructor(
    readonly bytes: Buffer,
    readonly filename: string,
    readonly contentType: string | undefined,
  ) {}

  toJSON(): { filename: string; contentType: string | undefined; bytes: number } {
    return { filename: this.filename, contentType: this.contentType, bytes: this.bytes.length };
  }
}

/** A transcription form as sent: every text field (repeated ones, such as `timestamp_granularities[]`, in order). */
export interface TranscriptionForm {
  fields: Record<string, string[]>;
  /** The `file` part; undefined when the form has none. */
  file: UploadedAudio | undefined;
}

const fileField = 'file';

/**
 * Reads a multipart transcription form into memory: the audio must be whole before it can be sent to one upstream
 * and, on failure, to the next. Files under other names are skipped. Only the upload's shape is checked here;
 * the fields are validated by `parseTranscriptionRequest`, inside the logged request.
 */
export async function readTranscriptionForm(request: FastifyRequest, maxBytes: number): Promise<TranscriptionForm> {
  if (!request.isMultipart()) {
    throw new GatewayError(
      'unsupported_media_type',
      'Send the audio as multipart/form-data with a file field (curl -F file=@speech.mp3 -F model=whisper-1).',
      { param: fileField },
    );
  }
  const form: TranscriptionForm = { fields: Object.create(null), file: undefined };
  try {
    const parts = request.parts({ limits: { fileSize: maxBytes, files: 4, fields: 64, fieldSize: 1024 * 1024 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        const values = form.fields[part.fieldname] ?? [];
        values.push(String(part.value));
        form.fields[part.fieldname] = values;
      } else if (part.fieldname === fileField && form.file === undefined) {
        form.file = new UploadedAudio(await part.toBuffer(), part.filename, part.mimetype);
      } else {
        part.file.resume();
      }
    }
  } catch (error) {
    throw formError(error, maxBytes);
  }
  return form;
}

function formError(error: unknown, maxBytes: number): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new GatewayError(
      'payload_too_large',
      `The audio file is larger than the ${formatMb(maxBytes)} MB limit (settings: transcription.maxFileMb).`,
      { param: fileField },
    );
  }
  const message = errorMessage(error);
  return new GatewayError('invalid_request', `The upload could not be read: ${message}`, { param: fileField });
}

function formatMb(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 100) / 100);
}
