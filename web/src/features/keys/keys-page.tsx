import { useState } from 'react';
import { api } from '../../api/client';
import type { ApiKey, CreatedApiKey } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Card, PageHeader } from '../../ui/card';
import { Switch } from '../../ui/field';
import { formatTime } from '../../ui/format';
import { ConfirmDialog, Dialog, Drawer } from '../../ui/overlay';
import { Async, EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import { useToast } from '../../ui/toast';
import { KeyBudgets } from './key-budgets';
import { KeyForm } from './key-form';
import { KeyReveal } from './key-reveal';
import { KeyStatus, policySummary } from './key-status';

/** Client keys: create (shown once), edit permissions, limits, budgets and expiry, revoke. */
export default function KeysPage() {
  const state = useApi<{ keys: ApiKey[] }>('/api/keys');
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey>();
  const [editing, setEditing] = useState<ApiKey>();
  const [revoking, setRevoking] = useState<ApiKey>();
  const [showRevoked, setShowRevoked] = useState(false);

  const create = async (body: Record<string, unknown>) => {
    const key = await api.post<CreatedApiKey>('/api/keys', body);
    setCreating(false);
    setCreated(key);
    state.reload();
  };
  const update = async (body: Record<string, unknown>) => {
    if (!editing) return;
    await api.patch(`/api/keys/${encodeURIComponent(editing.id)}`, body);
    toast.success(`Key ${editing.name} saved`);
    setEditing(undefined);
    state.reload();
  };
  const revoke = async () => {
    if (!revoking) return;
    try {
      await api.delete(`/api/keys/${encodeURIComponent(revoking.id)}`);
      toast.success(`Key ${revoking.name} revoked`);
      state.reload();
    } catch (caught) {
      toast.error(caught);
    }
    setRevoking(undefined);
  };

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys your clients send as Authorization: Bearer <key>. Each key can be limited to models, addresses, rates and budgets."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create key
          </Button>
        }
      />
      <Card>
        <Async state={state}>
          {({ keys }) => {
            const rows = showRevoked ? keys : keys.filter((key) => key.revokedAt === null);
            return (
              <>
                <div className="row" style={{ marginBottom: 8 }}>
                  <Switch checked={showRevoked} onChange={setShowRevoked} label="Show revoked keys" />
                  <span className="muted small">Show revoked keys</span>
                </div>
                <Table
                  caption="API keys"
                  rows={rows}
                  rowKey={(key) => key.id}
                  empty={
                    <EmptyState
                      title="No keys yet"
                      action={
                        <Button variant="primary" onClick={() => setCreating(true)}>
                          Create your first key
                        </Button>
                      }
                    >
                      Without keys, clients on this machine can call the gateway anonymously (unless REQUIRE_API_KEY is
                      set).
                    </EmptyState>
                  }
                  columns={[
                    { key: 'name', header: 'Name', render: (key) => <strong>{key.name}</strong> },
                    { key: 'prefix', header: 'Key', render: (key) => <code>{key.keyPrefix}…</code>, hideOnPhone: true },
                    { key: 'status', header: 'Status', render: (key) => <KeyStatus apiKey={key} /> },
                    {
                      key: 'scopes',
                      header: 'Scopes',
                      render: (key) => (key.scopes.length ? key.scopes.join(', ') : 'client'),
                      hideOnPhone: true,
                    },
                    {
                      key: 'policy',
                      header: 'Limits',
                      render: (key) => <span className="muted small">{policySummary(key)}</span>,
                      hideOnPhone: true,
                    },
                    {
                      key: 'created',
                      header: 'Created',
                      render: (key) => formatTime(key.createdAt),
                      hideOnPhone: true,
                    },
                    {
                      key: 'actions',
                      header: <span className="visually-hidden">Actions</span>,
                      align: 'right',
                      render: (key) =>
                        key.revokedAt === null && (
                          <div className="row" style={{ justifyContent: 'flex-end' }}>
                            <Button size="small" onClick={() => setEditing(key)} aria-label={`Edit ${key.name}`}>
                              Edit
                            </Button>
                            <Button
                              size="small"
                              variant="ghost"
                              onClick={() => setRevoking(key)}
                              aria-label={`Revoke ${key.name}`}
                            >
                              Revoke
                            </Button>
                          </div>
                        ),
                    },
                  ]}
                />
              </>
            );
          }}
        </Async>
      </Card>
      {creating && (
        <Dialog title="Create a key" onClose={() => setCreating(false)} wide>
          <KeyForm onSubmit={create} onCancel={() => setCreating(false)} />
        </Dialog>
      )}
      {created && (
        <Dialog
          title={`Key ${created.name} created`}
          onClose={() => setCreated(undefined)}
          footer={
            <Button variant="primary" onClick={() => setCreated(undefined)}>
              Done
            </Button>
          }
        >
          <KeyReveal created={created} />
        </Dialog>
      )}
      {editing && (
        <Drawer title={`Key ${editing.name}`} onClose={() => setEditing(undefined)}>
          <div className="stack">
            <KeyForm apiKey={editing} onSubmit={update} onCancel={() => setEditing(undefined)} />
            <KeyBudgets keyId={editing.id} />
          </div>
        </Drawer>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          confirmLabel="Revoke"
          onConfirm={() => void revoke()}
          onCancel={() => setRevoking(undefined)}
        >
          Clients using this key get 401 from now on. This cannot be undone.
        </ConfirmDialog>
      )}
    </>
  );
}
