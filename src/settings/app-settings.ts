import { z } from 'zod';
import { backupSettingsSchema, defaultBackupSettings } from '../storage/backups/backup-settings.js';
import { defaultRequestLogSettings, requestLogSettingsSchema } from '../usage/request-log-settings.js';
import {
  defaultIpFilterSettings,
  defaultSystemPromptSettings,
  defaultThinkingBudgetSettings,
  ipFilterSettingsSchema,
  systemPromptSettingsSchema,
  thinkingBudgetSettingsSchema,
} from './request-shaping-settings.js';

/**
 * The user-editable settings behind `GET/PUT/PATCH /api/settings`. Each section is one object; new features add
 * a section here (with its defaults) and read it from SettingsService. Unknown keys are rejected by name.
 */
export const appSettingsSchema = z
  .object({
    /** With login not required, management is allowed from loopback only. */
    requireLogin: z.boolean(),
    /** Let provider base URLs point at private, link-local or metadata addresses (SSRF guard off). */
    allowPrivateBaseUrls: z.boolean(),
    /** Database backups in DATA_DIR/db_backups (see src/operations/auto-backup.ts). */
    backups: backupSettingsSchema,
    /** Client-route IP filter (`/api/settings/ip-filter`). */
    ipFilter: ipFilterSettingsSchema,
    /** Text put around every request's system content (`/api/settings/system-prompt`). */
    systemPrompt: systemPromptSettingsSchema,
    /** Reasoning budget policy (`/api/settings/thinking-budget`). */
    thinkingBudget: thinkingBudgetSettingsSchema,
    /** Detailed request logging and retention (see src/usage/request-log-settings.ts). */
    requestLogs: requestLogSettingsSchema,
  })
  .strict();

export type AppSettings = z.infer<typeof appSettingsSchema>;

export const defaultAppSettings: AppSettings = {
  requireLogin: true,
  allowPrivateBaseUrls: false,
  backups: defaultBackupSettings,
  ipFilter: defaultIpFilterSettings,
  systemPrompt: defaultSystemPromptSettings,
  thinkingBudget: defaultThinkingBudgetSettings,
  requestLogs: defaultRequestLogSettings,
};
