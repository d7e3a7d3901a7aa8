import { z } from 'zod';
import { parseIpRange } from '../ip-filter/ip-matcher.js';

/** Settings sections that shape client requests: IP filter, system prompt, thinking budget (see app-settings.ts). */

const ipEntry = z
  .string()
  .trim()
  .refine((text) => parseIpRange(text) !== undefined, {
    message: 'must be an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)',
  });

export const ipFilterSettingsSchema = z
  .object({
    /** off: everyone; allowlist: only listed addresses; blocklist: everyone but listed addresses. */
    mode: z.enum(['off', 'allowlist', 'blocklist']),
    allowlist: z.array(ipEntry).max(10_000),
    blocklist: z.array(ipEntry).max(10_000),
  })
  .strict();

export type IpFilterSettings = z.infer<typeof ipFilterSettingsSchema>;

export const defaultIpFilterSettings: IpFilterSettings = { mode: 'off', allowlist: [], blocklist: [] };

export const systemPromptSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** Put before the request's own system content. */
    prefixPrompt: z.string().max(200_000),
    /** Put after the request's own system content. */
    suffixPrompt: z.string().max(200_000),
  })
  .strict();

export type SystemPromptSettings = z.infer<typeof systemPromptSettingsSchema>;

export const defaultSystemPromptSettings: SystemPromptSettings = { enabled: false, prefixPrompt: '', suffixPrompt: '' };

export const thinkingBudgetSettingsSchema = z
  .object({
    /**
     * passthrough: untouched; auto: reasoning fields removed (the model's default applies); custom: a fixed budget;
     * adaptive: a budget scaled by conversation size and tools (see request-edits/adaptive-budget.ts).
     */
    mode: z.enum(['passthrough', 'auto', 'custom', 'adaptive']),
    /** custom: the budget (0 turns reasoning off); adaptive: the ceiling. */
    budgetTokens: z.number().int().min(0).max(131_072).optional(),
    /** custom: the effort for effort-based formats (derived from the budget when absent). */
    effort: z.enum(['low', 'medium', 'high']).optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.mode === 'custom' && value.budgetTokens === undefined && value.effort === undefined) {
      context.addIssue({ code: 'custom', path: ['budgetTokens'], message: 'custom mode needs budgetTokens or effort' });
    }
  });

export type ThinkingBudgetSettings = z.infer<typeof thinkingBudgetSettingsSchema>;

export const defaultThinkingBudgetSettings: ThinkingBudgetSettings = { mode: 'passthrough' };
