// The deterministic "speech recogniser" behind the Deepgram and AssemblyAI mocks: a transcript and timings from
// nothing but the audio's size, so tests can predict both.

/** Bytes per second of audio, as for a 128 kbit/s MP3: 16 000 bytes are one second. */
export const AUDIO_BYTES_PER_SECOND = 16_000;

/**
 * @typedef {{ word: string, start: number, end: number }} TimedWord
 * @typedef {{ text: string, duration: number, words: TimedWord[] }} MockTranscript
 */

/**
 * `Mock <provider> transcript of <N> bytes`, lasting N / 16 000 seconds (3 decimals), its words spread evenly.
 * @param {string} provider
 * @param {number} bytes
 * @returns {MockTranscript}
 */
export function mockTranscript(provider, bytes) {
  const text = `Mock ${provider} transcript of ${bytes} bytes`;
  const duration = Math.round((bytes / AUDIO_BYTES_PER_SECOND) * 1000) / 1000;
  const parts = text.split(' ');
  const step = duration / parts.length;
  const words = parts.map((word, index) => ({
    word,
    start: round(index * step),
    end: round((index + 1) * step),
  }));
  return { text, duration, words };
}

/** @param {number} seconds */
function round(seconds) {
  return Math.round(seconds * 1000) / 1000;
}
