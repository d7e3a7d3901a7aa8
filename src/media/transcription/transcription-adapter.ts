import type { SpeechUpstream } from './speech-upstream.js';
import type { Transcript } from './transcript.js';
import type { TranscriptionRequest } from './transcription-request.js';

/**
 * One speech API: sends the audio through one account and returns the transcript in the common shape. The reply
 * format the client asked for is rendered afterwards (render-transcript.ts), so an adapter asks its upstream for
 * whatever carries the most (duration, segments, words).
 */
export interface TranscriptionAdapter {
  transcribe(request: TranscriptionRequest, upstream: SpeechUpstream): Promise<Transcript>;
  /** The readable message of the upstream's error body. */
  errorMessage(body: unknown): string | undefined;
  /**
   * A cheap authenticated `GET` (relative to the base URL, with its query) that proves the key without sending
   * audio: the connection test of a speech-only API, which has no chat model to probe.
   */
  keyCheckPath?: string;
}
