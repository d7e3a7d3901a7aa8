import { z } from 'zod';
import { auditLogSettingsSchema, defaultAuditLogSettings } from '../audit/audit-log-settings.js';
import { cacheSettingsSchema, defaultCacheSettings } from '../cache/cache-settings.js';
import { acpAgentSettingsSchema, defaultAcpAgentSettings } from '../cli-tools/acp-agent-settings.js';
import { defaultEvalSettings, evalSettingsSchema } from '../evals/eval-settings.js';
import {
  defaultTranscriptionSettings,
  transcriptionSettingsSchema,
} from '../media/transcription/transcription-settings.js';
import { backupSettingsSchema, defaultBackupSettings } from '../storage/backups/backup-settings.js';
import { defaultSyncSettings, syncSettingsSchema } from '../sync/sync-settings.js';
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
    /** Audit-log retention (see src/audit/audit-log-settings.ts). */
    auditLog: auditLogSettingsSchema,
    /** Audio upload cap and polling of asynchronous speech APIs (see src/media/transcription/transcription-settings.ts). */
    transcription: transcriptionSettingsSchema,
    /** Eval runs: default and maximum concurrency, per-case timeout (see src/evals/eval-settings.ts). */
    evals: evalSettingsSchema,
    /** Response cache and idempotency (see src/cache/cache-settings.ts). */
    cache: cacheSettingsSchema,
    /** Cloud sync: hub role and background sync interval (see src/sync/sync-settings.ts). */
    sync: syncSettingsSchema,
    /** Custom ACP agents detected alongside the built-in list (see src/cli-tools/acp-agent-settings.ts). */
    acpAgents: acpAgentSettingsSchema,
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
  auditLog: defaultAuditLogSettings,
  transcription: defaultTranscriptionSettings,
  evals: defaultEvalSettings,
  cache: defaultCacheSettings,
  sync: defaultSyncSettings,
  acpAgents: defaultAcpAgentSettings,
};
