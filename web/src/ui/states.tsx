import type { ReactNode } from 'react';
import { errorMessage } from '../api/api-error';
import type { ApiState } from '../api/use-api';
import { Button } from './button';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <h3>{title}</h3>
      {children && <div className="muted">{children}</div>}
      {action}
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  title = 'Could not load this',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div className="state state-error" role="alert">
      <h3>{title}</h3>
      <div>{errorMessage(error)}</div>
      {onRetry && (
        <Button size="small" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/**
 * Loading until the first answer, the error (with retry) if there is no data to show, else the children with the
 * data. A failed background refresh keeps the last data on screen.
 */
export function Async<T>({
  state,
  children,
  loadingLabel,
}: {
  state: ApiState<T>;
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error !== undefined) return <ErrorState error={state.error} onRetry={state.reload} />;
  return <Loading label={loadingLabel} />;
}
