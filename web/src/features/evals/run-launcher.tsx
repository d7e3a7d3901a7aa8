import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import type { CatalogProvider, Combo } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field } from '../../ui/field';
import type { EvalRunView, EvalSuiteSummary } from './eval-types';

/** Starts a run: a suite, one or more targets (comma-separated models, aliases or combos), a concurrency. */
export function RunLauncher({
  suites,
  onStarted,
}: {
  suites: EvalSuiteSummary[];
  onStarted: (run: EvalRunView) => void;
}) {
  const catalog = useApi<{ providers: CatalogProvider[] }>('/api/models/catalog');
  const combos = useApi<{ combos: Combo[] }>('/api/combos');
  const [suite, setSuite] = useState('');
  const [targets, setTargets] = useState('');
  const [concurrency, setConcurrency] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error>();

  const options = [
    ...(combos.data?.combos.map((combo) => combo.name) ?? []),
    ...(catalog.data?.providers ?? [])
      .filter((provider) => provider.connected)
      .flatMap((provider) => provider.models.map((model) => `${provider.id}/${model.id}`)),
  ];
  const chosenSuite = suite || suites[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const list = targets
        .split(',')
        .map((target) => target.trim())
        .filter(Boolean);
      const run = await api.post<EvalRunView>('/api/evals', {
        action: 'run',
        suite: chosenSuite,
        targets: list,
        ...(concurrency === '' ? {} : { concurrency: Number(concurrency) }),
      });
      onStarted(run);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };
  const param = error instanceof ApiError ? (error.param ?? '') : '';
  const fieldError = (name: string) => (param.startsWith(name) ? error?.message : undefined);

  return (
    <Card title="Run a suite">
      <form onSubmit={submit} className="form-grid">
        <Field label="Suite" error={fieldError('suite')}>
          {(props) => (
            <select {...props} value={chosenSuite} onChange={(event) => setSuite(event.target.value)}>
              {suites.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Targets" hint="models, aliases or combos, comma-separated" error={fieldError('targets')}>
          {(props) => (
            <input
              {...props}
              list="eval-targets"
              value={targets}
              onChange={(event) => setTargets(event.target.value)}
              placeholder="openai/gpt-4.1, my-combo"
              required
            />
          )}
        </Field>
        <datalist id="eval-targets">
          {options.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
        <Field label="Concurrency" hint="default: the evals setting" error={fieldError('concurrency')}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              value={concurrency}
              onChange={(event) => setConcurrency(event.target.value)}
            />
          )}
        </Field>
        <div className="field field-action">
          <Button type="submit" variant="primary" busy={busy} disabled={chosenSuite === ''}>
            Start run
          </Button>
        </div>
      </form>
      {error && !['suite', 'targets', 'concurrency'].some((name) => param.startsWith(name)) && (
        <div className="field-error" role="alert">
          {error.message}
        </div>
      )}
    </Card>
  );
}
