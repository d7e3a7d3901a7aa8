import { useState } from 'react';
import { api } from '../../api/client';
import type { CatalogProvider, Connection, ConnectionTest } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Async } from '../../ui/states';
import { ConnectForm } from '../providers/connect-form';
import { TestResult } from '../providers/test-result';

/** Connect a first provider account and test it right away, so a bad key shows here and not in the first chat. */
export function ProviderStep({ onDone }: { onDone: (model: string | undefined) => void }) {
  const catalog = useApi<{ providers: CatalogProvider[] }>('/api/models/catalog');
  const [connection, setConnection] = useState<Connection>();
  const [test, setTest] = useState<ConnectionTest>();
  const [testing, setTesting] = useState(false);

  const runTest = async (target: Connection) => {
    setTesting(true);
    try {
      setTest(await api.post<ConnectionTest>(`/api/providers/${encodeURIComponent(target.id)}/test`, {}));
    } catch {
      setTest(undefined);
    } finally {
      setTesting(false);
    }
  };
  const connected = (created: Connection) => {
    setConnection(created);
    void runTest(created);
  };
  const firstModel = () => {
    if (test?.model) return test.model.includes('/') ? test.model : `${connection?.provider}/${test.model}`;
    const provider = catalog.data?.providers.find((candidate) => candidate.id === connection?.provider);
    const model = provider?.models.find((candidate) => (candidate.type ?? 'chat') === 'chat') ?? provider?.models[0];
    return model ? `${provider?.id}/${model.id}` : undefined;
  };

  if (connection)
    return (
      <div className="stack">
        <p>
          <strong>
            {connection.provider} · {connection.name}
          </strong>{' '}
          is connected.
        </p>
        <div className="row">
          <span>Connection test:</span>
          {testing ? <span className="muted">testing…</span> : <TestResult test={test ?? null} />}
          <Button size="small" onClick={() => void runTest(connection)} busy={testing}>
            Test again
          </Button>
        </div>
        <div className="row">
          <Button variant="primary" onClick={() => onDone(firstModel())}>
            Next: create a key
          </Button>
        </div>
      </div>
    );
  return (
    <Async state={catalog}>
      {({ providers }) => (
        <>
          <p className="muted">Pick a provider and paste its API key. You can add more accounts and providers later.</p>
          <ConnectForm
            providers={providers}
            initialProvider="openai"
            onConnected={connected}
            submitLabel="Connect and test"
          />
        </>
      )}
    </Async>
  );
}
