import { useState } from 'react';
import { api } from '../../api/client';
import type { CatalogProvider, Connection } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge, Card, PageHeader } from '../../ui/card';
import { formatRelative } from '../../ui/format';
import { ConfirmDialog, Dialog } from '../../ui/overlay';
import { Async, EmptyState } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { AccountRow } from './account-row';
import { CatalogGrid } from './catalog-grid';
import { ConnectForm } from './connect-form';
import { EditAccountDialog } from './edit-account-dialog';
import { ModelsDrawer } from './models-drawer';
import { NodeForm } from './node-form';
import { OAuthSignIn } from './oauth-sign-in';
import './providers.css';
import { useRoutingState } from './use-routing-state';

/** Connected accounts grouped by provider (test, models, priority, active, cooldowns), then the catalog. */
export default function ProvidersPage() {
  const catalog = useApi<{ providers: CatalogProvider[] }>('/api/models/catalog');
  const connections = useApi<{ connections: Connection[] }>('/api/providers');
  const routing = useRoutingState();
  const toast = useToast();
  const [connecting, setConnecting] = useState<string | null>(null);
  const [addingNode, setAddingNode] = useState(false);
  const [models, setModels] = useState<Connection>();
  const [editing, setEditing] = useState<Connection>();
  const [deleting, setDeleting] = useState<Connection>();
  const [reconnecting, setReconnecting] = useState<Connection>();

  const changed = () => {
    connections.reload();
    catalog.reload();
    routing.reload();
  };
  const connected = (connection: Connection) => {
    setConnecting(null);
    setReconnecting(undefined);
    setAddingNode(false);
    toast.success(`${connection.provider} · ${connection.name} connected: test it to check the key`);
    changed();
  };
  const remove = async () => {
    if (!deleting) return;
    try {
      await api.delete(`/api/providers/${encodeURIComponent(deleting.id)}`);
      toast.success(`${deleting.provider} · ${deleting.name} deleted`);
      changed();
    } catch (caught) {
      toast.error(caught);
    }
    setDeleting(undefined);
  };

  const live = routing.data?.state;
  const providerName = (id: string) => catalog.data?.providers.find((provider) => provider.id === id)?.name ?? id;
  // Subscription providers sign in (OAuth) instead of taking an API key.
  const oauthProvider = catalog.data?.providers.find((entry) => entry.id === connecting && entry.kind === 'oauth')?.id;

  return (
    <>
      <PageHeader
        title="Providers"
        description="Your provider accounts. Several accounts per provider take turns by priority; a failing one cools down and the next serves."
        actions={
          <>
            <Button onClick={() => setAddingNode(true)}>Custom node</Button>
            <Button variant="primary" onClick={() => setConnecting('')}>
              Connect provider
            </Button>
          </>
        }
      />
      <Card title="Accounts">
        <Async state={connections}>
          {({ connections: list }) => {
            if (list.length === 0)
              return (
                <EmptyState
                  title="No provider connected yet"
                  action={
                    <Button variant="primary" onClick={() => setConnecting('')}>
                      Connect a provider
                    </Button>
                  }
                >
                  Pick one from the catalog below and paste its API key.
                </EmptyState>
              );
            const groups = [...new Set(list.map((connection) => connection.provider))];
            return groups.map((provider) => {
              const breaker = live?.breakers.find((entry) => entry.provider === provider);
              const accounts = list
                .filter((connection) => connection.provider === provider)
                .sort((a, b) => a.priority - b.priority);
              return (
                <div key={provider} className="provider-group">
                  <div className="provider-group-header">
                    <h3>{providerName(provider)}</h3>
                    <code className="muted">{provider}</code>
                    {breaker && breaker.state !== 'closed' && (
                      <Badge tone="bad">
                        breaker {breaker.state.replace('_', '-')}
                        {breaker.nextProbeAt ? `, probe ${formatRelative(breaker.nextProbeAt)}` : ''}
                      </Badge>
                    )}
                    {breaker && breaker.state === 'closed' && breaker.failures > 0 && (
                      <Badge tone="warn">{breaker.failures} recent failures</Badge>
                    )}
                    <span className="spacer" />
                    <Button size="small" onClick={() => setConnecting(provider)}>
                      Add account
                    </Button>
                  </div>
                  {accounts.map((connection) => (
                    <AccountRow
                      key={connection.id}
                      connection={connection}
                      cooldown={live?.cooldowns.find((entry) => entry.connectionId === connection.id)}
                      lockouts={live?.lockouts.filter((entry) => entry.connectionId === connection.id) ?? []}
                      onChanged={changed}
                      onModels={() => setModels(connection)}
                      onEdit={() => setEditing(connection)}
                      onDelete={() => setDeleting(connection)}
                      onReconnect={() => setReconnecting(connection)}
                    />
                  ))}
                </div>
              );
            });
          }}
        </Async>
      </Card>
      <Card title="Catalog">
        <Async state={catalog}>
          {({ providers }) => <CatalogGrid providers={providers} onConnect={setConnecting} />}
        </Async>
      </Card>
      {oauthProvider && (
        <Dialog title={`Sign in: ${providerName(oauthProvider)}`} onClose={() => setConnecting(null)}>
          <OAuthSignIn provider={oauthProvider} onConnected={connected} onCancel={() => setConnecting(null)} />
        </Dialog>
      )}
      {reconnecting && (
        <Dialog title={`Reconnect ${reconnecting.name}`} onClose={() => setReconnecting(undefined)}>
          <OAuthSignIn
            provider={reconnecting.provider}
            name={reconnecting.name}
            onConnected={connected}
            onCancel={() => setReconnecting(undefined)}
          />
        </Dialog>
      )}
      {connecting !== null && !oauthProvider && catalog.data && (
        <Dialog title="Connect a provider" onClose={() => setConnecting(null)}>
          <ConnectForm
            providers={catalog.data.providers}
            initialProvider={connecting || undefined}
            onConnected={connected}
            onCancel={() => setConnecting(null)}
          />
        </Dialog>
      )}
      {addingNode && (
        <Dialog title="Add a custom node" onClose={() => setAddingNode(false)}>
          <NodeForm onConnected={connected} onCancel={() => setAddingNode(false)} />
        </Dialog>
      )}
      {models && <ModelsDrawer connection={models} onClose={() => setModels(undefined)} />}
      {editing && (
        <EditAccountDialog
          connection={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            changed();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.provider} · ${deleting.name}?`}
          confirmLabel="Delete"
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(undefined)}
        >
          Requests stop using this account at once. Its usage history stays.
        </ConfirmDialog>
      )}
    </>
  );
}
