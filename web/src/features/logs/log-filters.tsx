import { useEffect, useState } from 'react';
import { Field } from '../../ui/field';
import type { Names } from './use-names';

export const logRanges = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type LogRange = keyof typeof logRanges;

export interface LogFilterValues {
  range?: string;
  status?: string;
  provider?: string;
  model?: string;
  key?: string;
  combo?: string;
}

/** The request-log filters; every value lives in the URL so a filtered view survives reloads and can be shared. */
export function LogFilters({
  values,
  names,
  onChange,
}: {
  values: LogFilterValues;
  names: Names;
  onChange: (values: LogFilterValues) => void;
}) {
  const providers = [...new Set(names.connections.map((connection) => connection.provider))].sort();
  return (
    <div className="form-grid log-filters">
      <Field label="Time">
        {(props) => (
          <select {...props} value={values.range ?? ''} onChange={(event) => onChange({ range: event.target.value })}>
            <option value="">Any time</option>
            <option value="1h">Last hour</option>
            <option value="24h">Last 24 hours</option>
            <option value="7d">Last 7 days</option>
            <option value="30d">Last 30 days</option>
          </select>
        )}
      </Field>
      <Field label="Status">
        {(props) => (
          <select {...props} value={values.status ?? ''} onChange={(event) => onChange({ status: event.target.value })}>
            <option value="">Any status</option>
            <option value="success">Success</option>
            <option value="error">Errors</option>
            <option value="4xx">4xx</option>
            <option value="5xx">5xx</option>
            <option value="429">429 (rate limited)</option>
          </select>
        )}
      </Field>
      <Field label="Provider">
        {(props) => (
          <select
            {...props}
            value={values.provider ?? ''}
            onChange={(event) => onChange({ provider: event.target.value })}
          >
            <option value="">Any provider</option>
            {providers.map((provider) => (
              <option key={provider} value={provider}>
                {provider}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Key">
        {(props) => (
          <select {...props} value={values.key ?? ''} onChange={(event) => onChange({ key: event.target.value })}>
            <option value="">Any key</option>
            <option value="dashboard">dashboard (playground)</option>
            {names.keys.map((key) => (
              <option key={key.id} value={key.id}>
                {key.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextFilter label="Model" value={values.model} onCommit={(model) => onChange({ model })} />
      <TextFilter label="Combo" value={values.combo} onCommit={(combo) => onChange({ combo })} />
    </div>
  );
}

/** A text filter applied when typing pauses (not on every key: each change is a query and a history entry). */
function TextFilter({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: string | undefined;
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  useEffect(() => {
    if (draft === (value ?? '')) return;
    const timer = setTimeout(() => onCommit(draft.trim()), 400);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit]);
  return (
    <Field label={label}>
      {(props) => (
        <input {...props} value={draft} placeholder="exact name" onChange={(event) => setDraft(event.target.value)} />
      )}
    </Field>
  );
}
