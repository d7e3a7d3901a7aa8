import { z } from 'zod';
import { evalSuiteInputSchema } from './eval-suite.js';

const target = z.string().trim().min(1).max(300);
const targets = z
  .array(target)
  .min(1, 'a run needs at least one target')
  .max(20)
  .refine((list) => new Set(list).size === list.length, { message: 'names a target twice' });

/** `POST /api/evals`: one body shape per action. */
export const evalActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), suite: evalSuiteInputSchema }).strict(),
  z
    .object({
      action: z.literal('run'),
      /** A suite's id or name (built-in ones too), or a whole suite to run without storing it. */
      suite: z.union([z.string().trim().min(1), evalSuiteInputSchema]),
      targets,
      concurrency: z.number().int().min(1).optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('rerun'),
      run: z.string().min(1),
      /** Other targets than the original run's (default: the same). */
      targets: targets.optional(),
      concurrency: z.number().int().min(1).optional(),
    })
    .strict(),
]);

export type EvalAction = z.infer<typeof evalActionSchema>;

export const compareQuerySchema = z
  .object({
    /** Comma-separated run ids to put beside this one. */
    with: z.string().min(1, 'name at least one other run'),
  })
  .strict();

export const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();
