import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { errorMessage } from '../api/api-error';

interface ToastItem {
  id: number;
  kind: 'success' | 'error';
  message: string;
}

interface ToastApi {
  success: (message: string) => void;
  /** Takes anything thrown: ApiErrors show the server's message. */
  error: (error: unknown) => void;
}

const ToastContext = createContext<ToastApi | undefined>(undefined);
let nextId = 1;

/** Short notices in a corner; errors stay longer than successes. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const push = useCallback((kind: ToastItem['kind'], message: string) => {
    const id = nextId++;
    setItems((current) => [...current.slice(-3), { id, kind, message }]);
    setTimeout(() => setItems((current) => current.filter((item) => item.id !== id)), kind === 'error' ? 8000 : 3500);
  }, []);
  const api = useMemo<ToastApi>(
    () => ({ success: (message) => push('success', message), error: (error) => push('error', errorMessage(error)) }),
    [push],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" aria-live="polite">
        {items.map((item) => (
          <div key={item.id} className={`toast toast-${item.kind}`} role={item.kind === 'error' ? 'alert' : 'status'}>
            {item.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const value = useContext(ToastContext);
  if (value === undefined) throw new Error('useToast outside ToastProvider');
  return value;
}
