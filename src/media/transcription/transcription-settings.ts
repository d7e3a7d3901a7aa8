import { z } from 'zod';

/**
 * Transcription settings (`transcription` in `/api/settings`). `maxFileMb` caps an upload (OpenAI's own limit is
 * 25 MB). Asynchronous upstreams (AssemblyAI) are polled every `pollIntervalMs` until done, for at most
 * `pollTimeoutSeconds` overall.
 */
export const transcriptionSettingsSchema = z
  .object({
    maxFileMb: z.number().positive().max(1024),
    pollIntervalMs: z.number().int().min(10).max(60_000),
    pollTimeoutSeconds: z.number().int().min(1).max(3600),
  })
  .strict();

export type TranscriptionSettings = z.infer<typeof transcriptionSettingsSchema>;

export const defaultTranscriptionSettings: TranscriptionSettings = {
  maxFileMb: 25,
  pollIntervalMs: 1000,
  pollTimeoutSeconds: 600,
};
