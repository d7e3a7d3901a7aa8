import { z } from 'zod';

/**
 * Eval runs (`evals` in `/api/settings`): how many cases run at once by default (a run may ask for fewer or more,
 * up to `maxConcurrency`), and how long one case may take before it fails as timed out.
 */
export const evalSettingsSchema = z
  .object({
    concurrency: z.number().int().min(1).max(64),
    maxConcurrency: z.number().int().min(1).max(64),
    caseTimeoutMs: z.number().int().min(1000).max(3_600_000),
  })
  .strict();

export type EvalSettings = z.infer<typeof evalSettingsSchema>;

export const defaultEvalSettings: EvalSettings = { concurrency: 4, maxConcurrency: 16, caseTimeoutMs: 120_000 };
