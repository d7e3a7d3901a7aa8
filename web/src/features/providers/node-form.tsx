import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import type { Connection } from '../../api/types';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';

const apiTypes = ['openai', 'responses', 'anthropic', 'gemini', 'ollama'] as const;

/** A custom node (your own OpenAI/Anthropic/…-compatible endpoint) and its first account, in one step. */
export function NodeForm({
  onConnected,
  onCancel,
}: {
  onConnected: (connection: Connection) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [prefix, setPrefix] = useState('');
  const [apiType, setApiType] = useState<(typeof apiTypes)[number]>('openai');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error>();
  const fieldError = (field: string) =>
    error instanceof ApiError && error.param === field ? error.message : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/provider-nodes', {
        name: name.trim(),
        prefix: prefix.trim(),
        apiType,
        baseUrl: baseUrl.trim(),
      });
      onConnected(
        await api.post<Connection>('/api/providers', {
          provider: prefix.trim(),
          ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
        }),
      );
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit}>
      <div className="form-grid">
        <Field label="Node name" error={fieldError('name')}>
          {(props) => (
            <input
              {...props}
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              placeholder="Office vLLM"
            />
          )}
        </Field>
        <Field label="Prefix" hint="Models are called prefix/model." error={fieldError('prefix')}>
          {(props) => (
            <input
              {...props}
              value={prefix}
              onChange={(event) => setPrefix(event.target.value)}
              required
              placeholder="office"
            />
          )}
        </Field>
      </div>
      <Field label="API type" error={fieldError('apiType')}>
        {(props) => (
          <select
            {...props}
            value={apiType}
            onChange={(event) => setApiType(event.target.value as (typeof apiTypes)[number])}
          >
            {apiTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Base URL" error={fieldError('baseUrl')}>
        {(props) => (
          <input
            {...props}
            type="url"
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
            required
            placeholder="http://10.0.0.5:8000/v1"
          />
        )}
      </Field>
      <Field label="API key" hint="Optional." error={fieldError('apiKey')}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="off"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
          />
        )}
      </Field>
      {error &&
        !(
          error instanceof ApiError && ['name', 'prefix', 'apiType', 'baseUrl', 'apiKey'].includes(error.param ?? '')
        ) && (
          <div className="field-error" role="alert">
            {error.message}
          </div>
        )}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          Add node
        </Button>
      </div>
    </form>
  );
}
