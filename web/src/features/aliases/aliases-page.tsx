import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import type { CatalogProvider, Combo } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge, Card, PageHeader } from '../../ui/card';
import { Field } from '../../ui/field';
import { ConfirmDialog } from '../../ui/overlay';
import { Async, EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import { useToast } from '../../ui/toast';

interface Alias {
  alias: string;
  target: string;
}

const isWildcard = (alias: string) => /[*?]/.test(alias);

/** Aliases: a name (or a wildcard such as claude-sonnet-*) that resolves to a model or combo. */
export default function AliasesPage() {
  const aliases = useApi<{ aliases: Alias[] }>('/api/models/alias');
  const catalog = useApi<{ providers: CatalogProvider[] }>('/api/models/catalog');
  const combos = useApi<{ combos: Combo[] }>('/api/combos');
  const toast = useToast();
  const [alias, setAlias] = useState('');
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error>();
  const [deleting, setDeleting] = useState<Alias>();

  const targets = [
    ...(combos.data?.combos.map((combo) => combo.name) ?? []),
    ...(catalog.data?.providers ?? [])
      .filter((provider) => provider.connected)
      .flatMap((provider) => provider.models.map((model) => `${provider.id}/${model.id}`)),
  ];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/models/alias', { alias: alias.trim(), target: target.trim() });
      toast.success(`${alias.trim()} → ${target.trim()}`);
      setAlias('');
      setTarget('');
      aliases.reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!deleting) return;
    try {
      await api.delete(`/api/models/alias/${encodeURIComponent(deleting.alias)}`);
      toast.success(`Alias ${deleting.alias} deleted`);
      aliases.reload();
    } catch (caught) {
      toast.error(caught);
    }
    setDeleting(undefined);
  };
  const param = error instanceof ApiError ? error.param : undefined;

  return (
    <>
      <PageHeader
        title="Aliases"
        description="Resolved before anything else: an exact name first, then the most specific wildcard (* and ?). Setting an existing alias again replaces it."
      />
      <Card title="Add or replace an alias">
        <form onSubmit={submit} className="form-grid">
          <Field
            label="Alias"
            hint="e.g. gpt-4 or claude-sonnet-*"
            error={param === 'alias' ? error?.message : undefined}
          >
            {(props) => <input {...props} value={alias} onChange={(event) => setAlias(event.target.value)} required />}
          </Field>
          <Field
            label="Target"
            hint="provider/model or a combo"
            error={param === 'target' ? error?.message : undefined}
          >
            {(props) => (
              <input
                {...props}
                list="alias-targets"
                value={target}
                onChange={(event) => setTarget(event.target.value)}
                required
              />
            )}
          </Field>
          <datalist id="alias-targets">
            {targets.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
          <div className="field field-action">
            <Button type="submit" variant="primary" busy={busy}>
              Save alias
            </Button>
          </div>
        </form>
        {error && param !== 'alias' && param !== 'target' && (
          <div className="field-error" role="alert">
            {error.message}
          </div>
        )}
      </Card>
      <Card title="Aliases">
        <Async state={aliases}>
          {({ aliases: list }) => (
            <Table
              caption="Aliases"
              rows={[...list].sort(
                (a, b) => Number(isWildcard(a.alias)) - Number(isWildcard(b.alias)) || a.alias.localeCompare(b.alias),
              )}
              rowKey={(entry) => entry.alias}
              empty={
                <EmptyState title="No aliases">
                  Clients that insist on a model name (gpt-4, claude-3-opus…) can be sent anywhere with one.
                </EmptyState>
              }
              columns={[
                { key: 'alias', header: 'Alias', render: (entry) => <code>{entry.alias}</code> },
                {
                  key: 'kind',
                  header: 'Kind',
                  render: (entry) =>
                    isWildcard(entry.alias) ? <Badge tone="info">wildcard</Badge> : <Badge>exact</Badge>,
                },
                { key: 'target', header: 'Target', render: (entry) => <code>{entry.target}</code> },
                {
                  key: 'actions',
                  header: <span className="visually-hidden">Actions</span>,
                  align: 'right',
                  render: (entry) => (
                    <Button
                      size="small"
                      variant="ghost"
                      onClick={() => setDeleting(entry)}
                      aria-label={`Delete alias ${entry.alias}`}
                    >
                      Delete
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </Async>
      </Card>
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.alias}?`}
          confirmLabel="Delete"
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(undefined)}
        >
          Requests for “{deleting.alias}” resolve normally again.
        </ConfirmDialog>
      )}
    </>
  );
}
