import type { Usage } from '../../core/canonical.js';
import type { MediaAnswer } from '../media-operation.js';
import type { Transcript, TranscriptSegment } from './transcript.js';
import type { TranscriptionRequest } from './transcription-request.js';

const textType = 'text/plain; charset=utf-8';

/**
 * The answer in the format the client asked for, the same whichever upstream served it: `json` is
 * `{text, task, language, duration, usage}`, `verbose_json` adds segments (and words when asked for), `text` is
 * the plain transcript, `srt` and `vtt` are subtitles cut at the segments (one cue for the whole audio when the
 * upstream gave none).
 */
export function renderTranscript(transcript: Transcript, request: TranscriptionRequest): MediaAnswer {
  const usage = usageOf(transcript);
  const language = transcript.language ?? request.language ?? null;
  const duration = transcript.duration ?? null;
  const summary = { text: transcript.text, task: 'transcribe', language, duration, usage: openaiUsage(transcript) };
  switch (request.responseFormat) {
    case 'json':
      return { body: summary, usage };
    case 'verbose_json': {
      const granularities = request.timestampGranularities;
      const wantsSegments = granularities.length === 0 || granularities.includes('segment');
      return {
        body: {
          task: 'transcribe',
          language,
          duration,
          text: transcript.text,
          ...(wantsSegments ? { segments: segmentsOf(transcript) } : {}),
          ...(granularities.includes('word') && transcript.words !== undefined ? { words: transcript.words } : {}),
          usage: summary.usage,
        },
        usage,
      };
    }
    case 'text':
      return { body: `${transcript.text}\n`, contentType: textType, usage };
    case 'srt':
      return { body: subtitles(segmentsOf(transcript), 'srt'), contentType: textType, usage };
    case 'vtt':
      return {
        body: `WEBVTT\n\n${subtitles(segmentsOf(transcript), 'vtt')}`,
        contentType: 'text/vtt; charset=utf-8',
        usage,
      };
    default: {
      const exhaustive: never = request.responseFormat;
      throw new Error(`Unknown response format ${String(exhaustive)}`);
    }
  }
}

/** Audio seconds drive per-minute prices; token counts, where given, token prices. */
function usageOf(transcript: Transcript): Usage {
  return {
    inputTokens: transcript.tokens?.input ?? 0,
    outputTokens: transcript.tokens?.output ?? 0,
    ...(transcript.duration === undefined ? {} : { audioSeconds: transcript.duration }),
  };
}

/** OpenAI's own `usage` field of a transcription: tokens for token-billed models, else the billed seconds. */
function openaiUsage(transcript: Transcript): Record<string, unknown> | undefined {
  const { tokens, duration } = transcript;
  if (tokens !== undefined) {
    return {
      type: 'tokens',
      input_tokens: tokens.input,
      output_tokens: tokens.output,
      total_tokens: tokens.input + tokens.output,
    };
  }
  return duration === undefined ? undefined : { type: 'duration', seconds: Math.ceil(duration) };
}

function segmentsOf(transcript: Transcript): TranscriptSegment[] {
  if (transcript.segments !== undefined && transcript.segments.length > 0) return transcript.segments;
  if (transcript.text === '') return [];
  return [{ id: 0, start: 0, end: transcript.duration ?? 0, text: transcript.text }];
}

function subtitles(segments: TranscriptSegment[], kind: 'srt' | 'vtt'): string {
  const separator = kind === 'srt' ? ',' : '.';
  return segments
    .map((segment, index) => {
      const timing = `${timestamp(segment.start, separator)} --> ${timestamp(segment.end, separator)}`;
      const cue = `${timing}\n${segment.text.trim()}\n\n`;
      return kind === 'srt' ? `${index + 1}\n${cue}` : cue;
    })
    .join('');
}

/** `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (WebVTT). */
function timestamp(seconds: number, separator: string): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const secs = Math.floor((totalMs % 60_000) / 1000);
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}${separator}${pad(totalMs % 1000, 3)}`;
}
