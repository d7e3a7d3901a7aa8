import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { type ApiState, useApi } from '../../api/use-api';
import { useToast } from '../../ui/toast';

/** `GET /api/settings`: the sections this page edits (others pass through untouched). */
export interface AppSettings {
  requireLogin: boolean;
  allowPrivateBaseUrls: boolean;
  backups: { retention: number; autoIntervalMinutes: number; maxImportMb: number };
  ipFilter: { mode: 'off' | 'allowlist' | 'blocklist'; allowlist: string[]; blocklist: string[] };
  systemPrompt: { enabled: boolean; prefixPrompt: string; suffixPrompt: string };
  thinkingBudget: {
    mode: 'passthrough' | 'auto' | 'custom' | 'adaptive';
    budgetTokens?: number;
    effort?: 'low' | 'medium' | 'high';
  };
  requestLogs: { detailed: boolean; maxBodyBytes: number; retentionDays: number };
  auditLog: { retentionDays: number };
  cache?: {
    enabled: boolean;
    ttlSeconds: number;
    maxEntries: number;
    maxBytes: number;
    persist: boolean;
    idempotencyWindowMs: number;
  };
}

export interface SaveState {
  busy: boolean;
  /** The field the server named as wrong, with its message (shown under that field). */
  fieldError: { param: string; message: string } | undefined;
  run: (action: () => Promise<unknown>, success: string) => Promise<boolean>;
}

/** Runs one save: busy flag, a toast on success, the server's field error kept for the form. */
export function useSave(): SaveState {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<SaveState['fieldError']>();
  const run = async (action: () => Promise<unknown>, success: string) => {
    setBusy(true);
    setFieldError(undefined);
    try {
      await action();
      toast.success(success);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.param) setFieldError({ param: error.param, message: error.message });
      toast.error(error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, fieldError, run };
}

export type SaveSettings = (value: Partial<AppSettings>) => Promise<AppSettings>;

/** The settings, with `patch` (merges into each section) and `replace` (the given sections replace the stored ones). */
export function useSettings(): ApiState<AppSettings> & { patch: SaveSettings; replace: SaveSettings } {
  const state = useApi<AppSettings>('/api/settings');
  const save = (method: 'patch' | 'put') => async (value: Partial<AppSettings>) => {
    const saved = await api[method]<AppSettings>('/api/settings', value);
    state.reload();
    return saved;
  };
  return { ...state, patch: save('patch'), replace: save('put') };
}

/**
 * The error for one field when the server's `param` path names it (`requestLogs.retentionDays`, `allowlist.2`). A
 * dotted name matches that path exactly, for field names several sections share (`auditLog.retentionDays`).
 */
export function errorFor(save: SaveState, ...params: string[]): string | undefined {
  const error = save.fieldError;
  if (error === undefined) return undefined;
  const path = error.param.split('.');
  const names = (param: string) => (param.includes('.') ? error.param === param : path.includes(param));
  return params.some(names) ? error.message : undefined;
}
