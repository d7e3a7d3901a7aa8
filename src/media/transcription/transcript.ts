/** A segment of a transcript, in seconds; an upstream's extra fields (Whisper's `avg_logprob`, ...) are kept. */
export interface TranscriptSegment {
  id: number;
  start: number;
  end: number;
  text: string;
  [field: string]: unknown;
}

export interface TranscriptWord {
  word: string;
  start: number;
  end: number;
}

/** What every transcription adapter returns, whatever its upstream's shape. */
export interface Transcript {
  text: string;
  /** As the upstream names it (`english`, `en`, `en_us`); the requested language when it names none. */
  language?: string;
  /** Seconds of audio: the billed unit of most speech APIs. */
  duration?: number;
  segments?: TranscriptSegment[];
  words?: TranscriptWord[];
  /** Token counts, for models billed by tokens (gpt-4o-transcribe). */
  tokens?: { input: number; output: number };
}
