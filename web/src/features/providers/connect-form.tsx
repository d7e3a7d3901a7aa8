import { type FormEvent, useMemo, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import type { CatalogProvider, Connection } from '../../api/types';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';

/**
 * Connects an account: provider, API key (when the provider needs one), optional name, base URL and priority. Used by
 * the Providers page and by onboarding. Errors name the field the server refused (a bad key format, a private URL).
 */
export function ConnectForm({
  providers,
  initialProvider,
  onConnected,
  onCancel,
  submitLabel = 'Connect',
}: {
  providers: CatalogProvider[];
  initialProvider?: string;
  onConnected: (connection: Connection) => void;
  onCancel?: () => void;
  submitLabel?: string;
}) {
  const sorted = useMemo(() => [...providers].sort((a, b) => a.name.localeCompare(b.name)), [providers]);
  const [provider, setProvider] = useState(initialProvider ?? sorted[0]?.id ?? '');
  const [name, setName] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [priority, setPriority] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error>();
  const chosen = providers.find((candidate) => candidate.id === provider);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.param === field ? error.message : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        provider,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        ...(priority.trim() ? { priority: Number(priority) } : {}),
      };
      onConnected(await api.post<Connection>('/api/providers', body));
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit}>
      <Field label="Provider" error={fieldError('provider')}>
        {(props) => (
          <select {...props} value={provider} onChange={(event) => setProvider(event.target.value)}>
            {sorted.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} ({candidate.id})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="API key"
        hint={
          chosen && !chosen.apiKeyRequired
            ? 'Not needed for this provider.'
            : 'Stored encrypted; shown masked afterwards.'
        }
        error={fieldError('apiKey')}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            required={chosen?.apiKeyRequired ?? false}
          />
        )}
      </Field>
      <div className="form-grid">
        <Field label="Account name" hint="Optional: tells accounts apart." error={fieldError('name')}>
          {(props) => (
            <input {...props} value={name} onChange={(event) => setName(event.target.value)} placeholder="default" />
          )}
        </Field>
        <Field label="Priority" hint="Lower serves first." error={fieldError('priority')}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              value={priority}
              onChange={(event) => setPriority(event.target.value)}
              placeholder="auto"
            />
          )}
        </Field>
      </div>
      <Field label="Base URL" hint={chosen ? `Default: ${chosen.baseUrl}` : undefined} error={fieldError('baseUrl')}>
        {(props) => (
          <input
            {...props}
            type="url"
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
            placeholder={chosen?.baseUrl}
          />
        )}
      </Field>
      {error &&
        !(
          error instanceof ApiError && ['provider', 'apiKey', 'name', 'priority', 'baseUrl'].includes(error.param ?? '')
        ) && (
          <div className="field-error" role="alert">
            {error.message}
          </div>
        )}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        <Button type="submit" variant="primary" busy={busy} disabled={provider === ''}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
