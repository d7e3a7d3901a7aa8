import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/api-error';
import { api, setUnauthenticatedHandler } from '../api/client';
import type { InitState } from '../api/types';

export type SessionStatus = 'checking' | 'needs-setup' | 'logged-out' | 'ready' | 'unreachable';

interface SessionValue {
  status: SessionStatus;
  init: InitState | undefined;
  error: unknown;
  /** Asks the server again (after login, setup or logout). */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

/**
 * Where the visitor stands: no password yet (onboarding), not logged in, or in. `/api/init` is public; a cheap
 * protected GET tells whether this browser's cookie (or login-free local access) lets it in. Any later 401 from
 * any call puts the app back on the login page.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('checking');
  const [init, setInit] = useState<InitState>();
  const [error, setError] = useState<unknown>();

  const refresh = useCallback(async () => {
    try {
      const state = await api.get<InitState>('/api/init');
      setInit(state);
      if (!state.passwordSet) {
        setStatus('needs-setup');
        return;
      }
      await api.get('/api/settings/require-login', { allowUnauthenticated: true });
      setStatus('ready');
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) setStatus('logged-out');
      else {
        setError(caught);
        setStatus('unreachable');
      }
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => setStatus('logged-out'));
    void refresh();
  }, [refresh]);

  const logout = useCallback(async () => {
    await api.post('/api/auth/logout');
    // Even where login-free local access would still let this browser in, logging out lands on the login page.
    setStatus('logged-out');
  }, []);

  const value = useMemo(() => ({ status, init, error, refresh, logout }), [status, init, error, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside SessionProvider');
  return value;
}
