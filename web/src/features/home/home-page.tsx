import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiKey, CatalogProvider, Combo, CreatedApiKey } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Link } from '../../app/router';
import { Button } from '../../ui/button';
import { Card, PageHeader, Tabs } from '../../ui/card';
import { CodeBlock } from '../../ui/copy-button';
import { Field } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { KeyReveal } from '../keys/key-reveal';
import { clientSnippets } from './client-snippets';
import { LiveCounters } from './live-counters';

/** The endpoint, a key and a model picked once, and copy-ready setup for every popular client. */
export default function HomePage() {
  const origin = window.location.origin;
  const keys = useApi<{ keys: ApiKey[] }>('/api/keys');
  const catalog = useApi<{ providers: CatalogProvider[] }>('/api/models/catalog');
  const combos = useApi<{ combos: Combo[] }>('/api/combos');
  const toast = useToast();
  const [keyId, setKeyId] = useState('');
  const [created, setCreated] = useState<CreatedApiKey>();
  const [creating, setCreating] = useState(false);
  const [model, setModel] = useState('');
  const [client, setClient] = useState('curl');

  const activeKeys = keys.data?.keys.filter((key) => key.revokedAt === null && !key.disabled) ?? [];
  const connected = catalog.data?.providers.filter((provider) => provider.connected) ?? [];
  const modelOptions = [
    ...(combos.data?.combos.map((combo) => combo.name) ?? []),
    ...connected.flatMap((provider) =>
      provider.models.filter((entry) => (entry.type ?? 'chat') === 'chat').map((entry) => `${provider.id}/${entry.id}`),
    ),
  ];
  const chosenModel = model || modelOptions[0] || 'openai/gpt-4.1';
  const picked = activeKeys.find((key) => key.id === keyId);
  const keyText =
    created?.key ?? (picked ? `${picked.keyPrefix}…  # the full key of "${picked.name}"` : 'YOUR_OMNIROUTE_KEY');
  const snippets = clientSnippets({
    origin,
    key: created?.key ?? (picked ? `${picked.keyPrefix}…` : 'YOUR_OMNIROUTE_KEY'),
    model: chosenModel,
  });
  const snippet = snippets.find((entry) => entry.id === client) ?? snippets[0];

  const createKey = async () => {
    setCreating(true);
    try {
      const key = await api.post<CreatedApiKey>('/api/keys', {
        name: `${client}-${new Date().toISOString().slice(0, 10)}`,
      });
      setCreated(key);
      keys.reload();
    } catch (caught) {
      toast.error(caught);
    } finally {
      setCreating(false);
    }
  };

  return (
    <>
      <PageHeader title="Home" description="One endpoint for every AI client; every provider account behind it." />
      {catalog.data && connected.length === 0 && (
        <div className="notice notice-warn">
          No provider is connected yet. <Link to="/welcome?step=provider">Finish the setup</Link> or{' '}
          <Link to="/providers">connect one</Link>.
        </div>
      )}
      <LiveCounters />
      <Card title="Your endpoint">
        <CodeBlock
          code={`${origin}/v1`}
          label="OpenAI-compatible base URL (Anthropic and Gemini clients use the same host without /v1)"
        />
        <div className="form-grid">
          <Field label="Key for the snippets" hint="Keys are stored hashed: only a new key can be shown in full.">
            {(props) => (
              <select
                {...props}
                value={created ? 'new' : keyId}
                onChange={(event) => {
                  setCreated(undefined);
                  setKeyId(event.target.value);
                }}
              >
                <option value="">Placeholder (YOUR_OMNIROUTE_KEY)</option>
                {created && <option value="new">{created.name} (new)</option>}
                {activeKeys
                  .filter((key) => key.id !== created?.id)
                  .map((key) => (
                    <option key={key.id} value={key.id}>
                      {key.name} ({key.keyPrefix}…)
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field label="Model or combo">
            {(props) => (
              <select {...props} value={chosenModel} onChange={(event) => setModel(event.target.value)}>
                {modelOptions.length === 0 && <option value={chosenModel}>{chosenModel}</option>}
                {modelOptions.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="row" style={{ marginBottom: 12 }}>
          <Button onClick={() => void createKey()} busy={creating}>
            New key for this client
          </Button>
          <span className="muted small">
            Creates a key named after the client, shown once below and filled into the snippets.
          </span>
        </div>
        {created && <KeyReveal created={created} />}
        {!created && picked && (
          <p className="muted small">Using {keyText}: paste the full key where the snippet shows its prefix.</p>
        )}
      </Card>
      <Card title="Set up a client">
        <Tabs
          label="Clients"
          tabs={snippets.map((entry) => ({ id: entry.id, label: entry.label }))}
          value={client}
          onChange={setClient}
        />
        {snippet && (
          <>
            <p className="muted small">{snippet.note}</p>
            <CodeBlock code={snippet.code} />
          </>
        )}
      </Card>
    </>
  );
}
