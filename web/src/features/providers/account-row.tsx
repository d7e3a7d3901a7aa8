import { useState } from 'react';
import { api } from '../../api/client';
import type { Connection, ConnectionTest } from '../../api/types';
import { Button } from '../../ui/button';
import { Badge } from '../../ui/card';
import { Switch } from '../../ui/field';
import { formatRelative } from '../../ui/format';
import { useToast } from '../../ui/toast';
import { TestResult } from './test-result';
import type { Cooldown, Lockout } from './use-routing-state';

/** One account: active switch, priority, last test, cooldown/lockouts, and its actions. */
export function AccountRow({
  connection,
  cooldown,
  lockouts,
  onChanged,
  onModels,
  onEdit,
  onDelete,
  onReconnect,
}: {
  connection: Connection;
  cooldown: Cooldown | undefined;
  lockouts: Lockout[];
  onChanged: () => void;
  onModels: () => void;
  onEdit: () => void;
  onDelete: () => void;
  /** Subscription accounts whose sign-in expired: runs the sign-in again. */
  onReconnect?: () => void;
}) {
  const toast = useToast();
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(connection.lastTest);
  const label = connection.name;

  const runTest = async () => {
    setTesting(true);
    try {
      const result = await api.post<ConnectionTest>(`/api/providers/${encodeURIComponent(connection.id)}/test`, {});
      setTest(result);
      if (result.ok) toast.success(`${label}: OK in ${result.latencyMs} ms`);
      else toast.error(`${label}: ${result.message}`);
    } catch (caught) {
      toast.error(caught);
    } finally {
      setTesting(false);
    }
  };
  const setActive = async (isActive: boolean) => {
    try {
      await api.put(`/api/providers/${encodeURIComponent(connection.id)}`, { isActive });
      onChanged();
    } catch (caught) {
      toast.error(caught);
    }
  };
  const reset = async () => {
    try {
      await api.post('/api/resilience/reset', { provider: connection.provider, connectionId: connection.id });
      toast.success(`${label}: cooldown and breaker reset`);
      onChanged();
    } catch (caught) {
      toast.error(caught);
    }
  };

  return (
    <div className="account" data-testid={`account-${connection.id}`}>
      <div className="account-main">
        <Switch checked={connection.isActive} onChange={(value) => void setActive(value)} label={`Active: ${label}`} />
        <div className="account-name">
          <strong>{label}</strong>
          <div className="muted small">
            priority {connection.priority}
            {connection.apiKey ? ` · key ${connection.apiKey}` : ''}
            {connection.baseUrl ? ` · ${connection.baseUrl}` : ''}
          </div>
        </div>
        <div className="account-test">
          <TestResult test={test} />
        </div>
      </div>
      {(cooldown || lockouts.length > 0) && (
        <div className="row account-alerts">
          {cooldown && (
            <Badge tone="warn" title={`level ${cooldown.level}`}>
              cooling down ({cooldown.reason}) until {formatRelative(cooldown.until)}
            </Badge>
          )}
          {lockouts.map((lockout) => (
            <Badge key={lockout.model} tone="warn">
              {lockout.model} locked out {formatRelative(lockout.until)}
            </Badge>
          ))}
        </div>
      )}
      {connection.status === 'expired' && (
        <div className="row account-alerts">
          <Badge tone="bad" title={connection.reason ?? undefined}>
            sign-in expired{connection.reason ? `: ${connection.reason}` : ''}
          </Badge>
          {onReconnect && (
            <Button size="small" variant="primary" onClick={onReconnect} aria-label={`Reconnect ${label}`}>
              Reconnect
            </Button>
          )}
        </div>
      )}
      <div className="row account-actions">
        <Button size="small" onClick={() => void runTest()} busy={testing} aria-label={`Test ${label}`}>
          Test
        </Button>
        <Button size="small" onClick={onModels} aria-label={`Models of ${label}`}>
          Models
        </Button>
        <Button size="small" onClick={onEdit} aria-label={`Edit ${label}`}>
          Edit
        </Button>
        <Button size="small" variant="ghost" onClick={() => void reset()} aria-label={`Reset ${label}`}>
          Reset
        </Button>
        <Button size="small" variant="ghost" onClick={onDelete} aria-label={`Delete ${label}`}>
          Delete
        </Button>
      </div>
    </div>
  );
}
