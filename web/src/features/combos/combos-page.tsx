import { useState } from 'react';
import { api } from '../../api/client';
import type { CatalogProvider, Combo, Connection } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Link } from '../../app/router';
import { Button } from '../../ui/button';
import { Card, PageHeader } from '../../ui/card';
import { ConfirmDialog, Dialog, Drawer } from '../../ui/overlay';
import { Async, EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import { useToast } from '../../ui/toast';
import { ComboEditor } from './combo-editor';
import { ComboReadiness } from './combo-readiness';
import './combos.css';

/** Combos: named, ordered fallbacks called like a model. */
export default function CombosPage() {
  const combos = useApi<{ combos: Combo[] }>('/api/combos');
  const catalog = useApi<{ providers: CatalogProvider[] }>('/api/models/catalog');
  const connections = useApi<{ connections: Connection[] }>('/api/providers');
  const toast = useToast();
  const [editing, setEditing] = useState<Combo | 'new'>();
  const [checking, setChecking] = useState<Combo>();
  const [deleting, setDeleting] = useState<Combo>();

  const modelOptions = [
    ...(combos.data?.combos.map((combo) => combo.name) ?? []),
    ...(catalog.data?.providers ?? [])
      .filter((provider) => provider.connected)
      .flatMap((provider) =>
        provider.models.filter((model) => model.type === 'chat').map((model) => `${provider.id}/${model.id}`),
      ),
  ];
  const saved = (combo: Combo) => {
    toast.success(`Combo ${combo.name} saved`);
    setEditing(undefined);
    combos.reload();
    setChecking(combo);
  };
  const remove = async () => {
    if (!deleting) return;
    try {
      await api.delete(`/api/combos/${encodeURIComponent(deleting.id)}`);
      toast.success(`Combo ${deleting.name} deleted`);
      combos.reload();
    } catch (caught) {
      toast.error(caught);
    }
    setDeleting(undefined);
  };

  return (
    <>
      <PageHeader
        title="Combos"
        description="A combo is an ordered list of targets called like a model: when one fails (rate limit, outage), the next serves the same request."
        actions={
          <Button variant="primary" onClick={() => setEditing('new')}>
            New combo
          </Button>
        }
      />
      <Card>
        <Async state={combos}>
          {({ combos: list }) => (
            <Table
              caption="Combos"
              rows={list}
              rowKey={(combo) => combo.id}
              empty={
                <EmptyState
                  title="No combos yet"
                  action={
                    <Button variant="primary" onClick={() => setEditing('new')}>
                      Create a combo
                    </Button>
                  }
                >
                  For example “coding”: Claude first, then GPT, then a local model.
                </EmptyState>
              }
              columns={[
                { key: 'name', header: 'Name', render: (combo) => <strong>{combo.name}</strong> },
                { key: 'strategy', header: 'Strategy', render: (combo) => combo.strategy, hideOnPhone: true },
                {
                  key: 'targets',
                  header: 'Targets',
                  render: (combo) => (
                    <span className="small">{combo.models.map((target) => target.model).join(' → ')}</span>
                  ),
                },
                {
                  key: 'actions',
                  header: <span className="visually-hidden">Actions</span>,
                  align: 'right',
                  render: (combo) => (
                    <div className="row" style={{ justifyContent: 'flex-end' }}>
                      <Button size="small" onClick={() => setChecking(combo)} aria-label={`Check ${combo.name}`}>
                        Check
                      </Button>
                      <Link
                        className="button button-secondary button-small"
                        to={`/playground?model=${encodeURIComponent(combo.name)}`}
                        aria-label={`Try ${combo.name} in the playground`}
                      >
                        Try
                      </Link>
                      <Button size="small" onClick={() => setEditing(combo)} aria-label={`Edit ${combo.name}`}>
                        Edit
                      </Button>
                      <Button
                        size="small"
                        variant="ghost"
                        onClick={() => setDeleting(combo)}
                        aria-label={`Delete ${combo.name}`}
                      >
                        Delete
                      </Button>
                    </div>
                  ),
                },
              ]}
            />
          )}
        </Async>
      </Card>
      {editing && (
        <Drawer title={editing === 'new' ? 'New combo' : `Edit ${editing.name}`} onClose={() => setEditing(undefined)}>
          <ComboEditor
            combo={editing === 'new' ? undefined : editing}
            modelOptions={modelOptions}
            connections={connections.data?.connections ?? []}
            onSaved={saved}
            onCancel={() => setEditing(undefined)}
          />
        </Drawer>
      )}
      {checking && (
        <Dialog
          title="Readiness"
          onClose={() => setChecking(undefined)}
          footer={
            <Link className="button button-primary" to={`/playground?model=${encodeURIComponent(checking.name)}`}>
              Try in playground
            </Link>
          }
        >
          <ComboReadiness combo={checking} />
        </Dialog>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete"
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(undefined)}
        >
          Clients calling “{deleting.name}” get “model not found” afterwards.
        </ConfirmDialog>
      )}
    </>
  );
}
