import type { FinishReason, Usage } from './canonical.js';
import type { ErrorKind } from './errors.js';

/**
 * The canonical stream: what upstream decoders produce and client encoders consume.
 * Block boundaries are implicit: an encoder opens a new block when the part type (or tool id) changes.
 */
export type StreamPart =
  | { type: 'start'; id?: string; model?: string }
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  /** Arrives after the reasoning it signs (Anthropic `signature_delta`, Gemini `thoughtSignature`). */
  | { type: 'reasoning-signature'; signature: string }
  | { type: 'redacted-reasoning'; data: string }
  /** `index` is the ordinal of the call within this response (0, 1, …). */
  | { type: 'tool-input-start'; id: string; name: string; index: number; signature?: string }
  | { type: 'tool-input-delta'; id: string; delta: string }
  | { type: 'tool-input-end'; id: string }
  /** Usage may arrive before or with finish; the last value wins. */
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason }
  | { type: 'error'; kind: ErrorKind; message: string };

export type StreamPartType = StreamPart['type'];
