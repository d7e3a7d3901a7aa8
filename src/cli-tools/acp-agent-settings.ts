import { z } from 'zod';

/** A command name looked up on PATH, or an absolute path. Run without a shell, but still kept to plain characters. */
export const agentCommandSchema = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^[A-Za-z0-9._/+@~-]+$/, 'must be a command name or an absolute path (letters, digits, . _ / + @ ~ -)');

export const customAgentSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, dots, dashes or underscores'),
    command: agentCommandSchema,
  })
  .strict();

/** Custom ACP agents (`/api/acp/agents`), detected alongside the built-in list. */
export const acpAgentSettingsSchema = z.object({ custom: z.array(customAgentSchema).max(100) }).strict();

export type AcpAgentSettings = z.infer<typeof acpAgentSettingsSchema>;

export const defaultAcpAgentSettings: AcpAgentSettings = { custom: [] };
