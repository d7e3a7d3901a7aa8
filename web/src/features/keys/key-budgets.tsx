import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge } from '../../ui/card';
import { Field } from '../../ui/field';
import { formatTime, formatUsd } from '../../ui/format';
import { Async } from '../../ui/states';
import { useToast } from '../../ui/toast';

interface Budget {
  keyId: string;
  period: 'daily' | 'weekly' | 'monthly';
  limit: number;
  spent: number;
  remaining: number;
  warning: boolean;
  exceeded: boolean;
  resetsAt: string;
}

/** Spend budgets of one key (`/api/usage/budget`): one per period; saving a period again replaces it. */
export function KeyBudgets({ keyId }: { keyId: string }) {
  const state = useApi<{ budgets: Budget[] }>('/api/usage/budget');
  const toast = useToast();
  const [period, setPeriod] = useState<Budget['period']>('monthly');
  const [limit, setLimit] = useState('');
  const [warning, setWarning] = useState('80');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post('/api/usage/budget', {
        keyId,
        period,
        limit: Number(limit),
        ...(warning === '' ? {} : { warningThreshold: Number(warning) / 100 }),
      });
      toast.success(`${period} budget saved`);
      setLimit('');
      state.reload();
    } catch (caught) {
      toast.error(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <h3>Budgets</h3>
      <Async state={state}>
        {({ budgets }) => {
          const own = budgets.filter((budget) => budget.keyId === keyId);
          if (own.length === 0) return <div className="muted">No budget: spending is not capped.</div>;
          return (
            <ul>
              {own.map((budget) => (
                <li key={budget.period}>
                  {budget.period}: {formatUsd(budget.spent)} of {formatUsd(budget.limit)}{' '}
                  {budget.exceeded ? (
                    <Badge tone="bad">exceeded</Badge>
                  ) : budget.warning ? (
                    <Badge tone="warn">warning</Badge>
                  ) : null}{' '}
                  <span className="muted small">resets {formatTime(budget.resetsAt)}</span>
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
      <form onSubmit={submit} className="form-grid">
        <Field label="Period">
          {(props) => (
            <select {...props} value={period} onChange={(event) => setPeriod(event.target.value as Budget['period'])}>
              <option value="daily">daily</option>
              <option value="weekly">weekly</option>
              <option value="monthly">monthly</option>
            </select>
          )}
        </Field>
        <Field label="Limit (USD)">
          {(props) => (
            <input
              {...props}
              type="number"
              min="0.01"
              step="0.01"
              value={limit}
              onChange={(event) => setLimit(event.target.value)}
              required
            />
          )}
        </Field>
        <Field label="Warn at (%)">
          {(props) => (
            <input
              {...props}
              type="number"
              min="1"
              max="100"
              value={warning}
              onChange={(event) => setWarning(event.target.value)}
            />
          )}
        </Field>
        <div className="field field-action">
          <Button type="submit" busy={busy}>
            Set budget
          </Button>
        </div>
      </form>
    </div>
  );
}
