import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import type { Connection } from '../../api/types';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Dialog } from '../../ui/overlay';

/** Rename, re-prioritise, replace the key, change base URL or proxy of an account (`PUT /api/providers/:id`). */
export function EditAccountDialog({
  connection,
  onSaved,
  onClose,
}: {
  connection: Connection;
  onSaved: () => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(connection.name);
  const [priority, setPriority] = useState(String(connection.priority));
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(connection.baseUrl ?? '');
  const [proxyUrl, setProxyUrl] = useState(connection.proxyUrl ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.put(`/api/providers/${encodeURIComponent(connection.id)}`, {
        name: name.trim(),
        priority: Number(priority),
        ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
        ...(baseUrl.trim() !== (connection.baseUrl ?? '') ? { baseUrl: baseUrl.trim() || null } : {}),
        ...(proxyUrl.trim() !== (connection.proxyUrl ?? '') ? { proxyUrl: proxyUrl.trim() || null } : {}),
      });
      onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Edit ${connection.provider} · ${connection.name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <Field label="Account name">
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} required />}
        </Field>
        <Field label="Priority" hint="Lower serves first.">
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              value={priority}
              onChange={(event) => setPriority(event.target.value)}
              required
            />
          )}
        </Field>
        <Field
          label="New API key"
          hint={connection.apiKey ? `Current: ${connection.apiKey}. Empty keeps it.` : 'Empty keeps it.'}
        >
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
        <Field label="Base URL" hint="Empty: the provider's default.">
          {(props) => <input {...props} value={baseUrl} onChange={(event) => setBaseUrl(event.target.value)} />}
        </Field>
        <Field label="Proxy URL" hint="Empty: the global proxy.">
          {(props) => (
            <input
              {...props}
              value={proxyUrl}
              onChange={(event) => setProxyUrl(event.target.value)}
              placeholder="socks5://host:1080"
            />
          )}
        </Field>
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
