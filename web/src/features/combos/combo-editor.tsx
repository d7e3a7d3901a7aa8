import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import type { Combo, Connection } from '../../api/types';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { type TargetDraft, TargetList } from './target-list';

export const strategies = [
  ['priority', 'Priority: in order, the next on failure'],
  ['fill-first', 'Fill first: stay on the last good target'],
  ['round-robin', 'Round robin'],
  ['weighted', 'Weighted: first target drawn by weight'],
  ['random', 'Random'],
  ['least-used', 'Least used'],
  ['cost-optimized', 'Cost optimized: cheapest first'],
] as const;

let nextKey = 1;
const draft = (target?: Combo['models'][number]): TargetDraft => ({
  key: nextKey++,
  model: target?.model ?? '',
  connectionId: target?.connectionId ?? '',
  weight: target?.weight === undefined ? '' : String(target.weight),
});

/** Create or edit a combo: name, strategy, ordered targets (drag or ↑/↓), account pins, weights, max attempts. */
export function ComboEditor({
  combo,
  modelOptions,
  connections,
  onSaved,
  onCancel,
}: {
  combo?: Combo;
  modelOptions: string[];
  connections: Connection[];
  onSaved: (combo: Combo) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(combo?.name ?? '');
  const [strategy, setStrategy] = useState(combo?.strategy ?? 'priority');
  const [targets, setTargets] = useState<TargetDraft[]>(() =>
    combo?.models.length ? combo.models.map(draft) : [draft()],
  );
  const [maxAttempts, setMaxAttempts] = useState(
    combo?.config.maxAttempts === undefined ? '' : String(combo.config.maxAttempts),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body = {
      name: name.trim(),
      strategy,
      models: targets.map((target) => ({
        model: target.model.trim(),
        ...(target.connectionId ? { connectionId: target.connectionId } : {}),
        ...(strategy === 'weighted' && target.weight !== '' ? { weight: Number(target.weight) } : {}),
      })),
      config: maxAttempts === '' ? {} : { maxAttempts: Number(maxAttempts) },
    };
    try {
      const saved = combo
        ? await api.put<Combo>(`/api/combos/${encodeURIComponent(combo.id)}`, body)
        : await api.post<Combo>('/api/combos', body);
      onSaved(saved);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  const param = error instanceof ApiError ? error.param : undefined;
  return (
    <form onSubmit={submit}>
      <div className="form-grid">
        <Field
          label="Combo name"
          hint="Clients call it as the model."
          error={param === 'name' ? error?.message : undefined}
        >
          {(props) => (
            <input
              {...props}
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              placeholder="coding"
            />
          )}
        </Field>
        <Field label="Strategy" error={param === 'strategy' ? error?.message : undefined}>
          {(props) => (
            <select {...props} value={strategy} onChange={(event) => setStrategy(event.target.value)}>
              {strategies.map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field">
        <span className="field-label-text">Targets</span>
        <TargetList
          targets={targets}
          onChange={setTargets}
          modelOptions={modelOptions}
          connections={connections}
          showWeights={strategy === 'weighted'}
        />
        <div>
          <Button size="small" onClick={() => setTargets([...targets, draft()])}>
            Add target
          </Button>
        </div>
      </div>
      <Field
        label="Max attempts"
        hint="Upstream calls per request at most. Empty: every target once."
        error={param?.startsWith('config') ? error?.message : undefined}
      >
        {(props) => (
          <input
            {...props}
            type="number"
            min={1}
            max={100}
            value={maxAttempts}
            onChange={(event) => setMaxAttempts(event.target.value)}
          />
        )}
      </Field>
      {error && !['name', 'strategy'].includes(param ?? '') && !param?.startsWith('config') && (
        <div className="field-error" role="alert">
          {error.message}
          {param ? ` (${param})` : ''}
        </div>
      )}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          {combo ? 'Save combo' : 'Create combo'}
        </Button>
      </div>
    </form>
  );
}
