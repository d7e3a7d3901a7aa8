import type { AnswerObserver } from '../gateway/answer-observer.js';
import { redactBody, redactText } from '../observability/redact-secrets.js';
import type { NewRequestLogBodyRow } from '../storage/repositories/request-log-bodies-repository.js';

/**
 * Collects one request's bodies for detailed request logging: the client's request, and the answer it got (the
 * JSON, or a stream's frames as sent). Secrets are redacted before the size cap is applied, so a credential cut in
 * half at the cap cannot leak its visible part.
 */
export class BodyCapture {
  private request: string | undefined;
  private response: string | undefined;
  private frames = '';
  /** Frames beyond the cap plus a margin are not kept: the margin lets a secret straddling the cap be recognised. */
  private readonly frameLimit: number;
  private framesCut = false;

  constructor(private readonly maxBodyBytes: number) {
    this.frameLimit = maxBodyBytes + 4096;
  }

  captureRequest(body: unknown): void {
    this.request = redactBody(body);
  }

  /** Wraps the exchange's observer (if any) so both see the answer. */
  observe(inner: AnswerObserver | undefined): AnswerObserver {
    return {
      json: (text) => {
        this.response = redactBody(text);
        inner?.json(text);
      },
      frames: (text) => {
        if (this.frames.length < this.frameLimit) {
          const room = this.frameLimit - this.frames.length;
          this.frames += text.length > room ? text.slice(0, room) : text;
          this.framesCut ||= text.length > room;
        } else {
          this.framesCut = true;
        }
        inner?.frames(text);
      },
    };
  }

  toRow(requestId: string, createdAt: number): NewRequestLogBodyRow {
    const response = this.response ?? (this.frames === '' ? undefined : redactText(this.frames));
    const request = capBytes(this.request, this.maxBodyBytes);
    const answer = capBytes(response, this.maxBodyBytes);
    return {
      request_id: requestId,
      created_at: createdAt,
      request_body: request.text,
      response_body: answer.text,
      truncated: request.cut || answer.cut || this.framesCut ? 1 : 0,
    };
  }
}

function capBytes(text: string | undefined, maxBytes: number): { text: string | null; cut: boolean } {
  if (text === undefined) return { text: null, cut: false };
  // Characters are at most 4 bytes: short texts need no byte count.
  if (text.length * 4 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return { text, cut: false };
  // Decoding a cut multi-byte character yields U+FFFD; drop it rather than store a broken character.
  const cut = Buffer.from(text)
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return { text: cut, cut: true };
}

/** A capture of this request's bodies when detailed request logging is on, else undefined (the common case). */
export function startBodyCapture(
  settings: { detailed: boolean; maxBodyBytes: number } | undefined,
  requestBody: unknown,
): BodyCapture | undefined {
  if (settings?.detailed !== true) return undefined;
  const capture = new BodyCapture(settings.maxBodyBytes);
  capture.captureRequest(requestBody);
  return capture;
}
