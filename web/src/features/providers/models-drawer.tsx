import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Connection } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge } from '../../ui/card';
import { Field, Switch } from '../../ui/field';
import { Drawer } from '../../ui/overlay';
import { Async, EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import { useToast } from '../../ui/toast';

interface ListedModel {
  id: string;
  name: string | null;
  type: string | null;
  contextLength: number | null;
  known: boolean;
  hidden: boolean;
}

interface ProviderModel {
  provider: string;
  model: string;
  custom: boolean;
}

/**
 * The account's models: what its upstream lists (the catalog's when it cannot be asked), each with a hide/show
 * switch, plus custom models of the provider (add, delete).
 */
export function ModelsDrawer({ connection, onClose }: { connection: Connection; onClose: () => void }) {
  const [source, setSource] = useState<'upstream' | 'catalog'>('upstream');
  const listed = useApi<{ source: string; models: ListedModel[] }>(
    `/api/providers/${encodeURIComponent(connection.id)}/models`,
    { query: { source } },
  );
  const custom = useApi<{ models: ProviderModel[] }>('/api/provider-models', {
    query: { provider: connection.provider },
  });
  const toast = useToast();
  const [filter, setFilter] = useState('');
  const [newModel, setNewModel] = useState('');
  const [adding, setAdding] = useState(false);

  const setHidden = async (model: string, hidden: boolean) => {
    try {
      await api.patch('/api/provider-models', { provider: connection.provider, model, hidden });
      listed.reload();
    } catch (caught) {
      toast.error(caught);
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setAdding(true);
    try {
      await api.post('/api/provider-models', { provider: connection.provider, model: newModel.trim() });
      toast.success(`${connection.provider}/${newModel.trim()} added`);
      setNewModel('');
      custom.reload();
      listed.reload();
    } catch (caught) {
      toast.error(caught);
    } finally {
      setAdding(false);
    }
  };
  const remove = async (model: string) => {
    try {
      await api.delete('/api/provider-models', { query: { provider: connection.provider, model } });
      custom.reload();
      listed.reload();
    } catch (caught) {
      toast.error(caught);
    }
  };

  return (
    <Drawer title={`Models: ${connection.provider} · ${connection.name}`} onClose={onClose}>
      <div className="stack">
        {listed.error !== undefined && source === 'upstream' && (
          <div className="notice notice-warn">
            The upstream did not list its models.{' '}
            <Button size="small" onClick={() => setSource('catalog')}>
              Show the catalog's
            </Button>
          </div>
        )}
        <Field label="Filter models">
          {(props) => (
            <input {...props} value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="gpt-4" />
          )}
        </Field>
        <Async state={listed} loadingLabel="Asking the upstream…">
          {({ models, source: answered }) => (
            <>
              <div className="muted small">
                {models.length} models from the {answered}
              </div>
              <Table
                caption="Models"
                rows={models.filter((model) => model.id.toLowerCase().includes(filter.toLowerCase()))}
                rowKey={(model) => model.id}
                pageSize={20}
                empty={<EmptyState title="No models match" />}
                columns={[
                  {
                    key: 'id',
                    header: 'Model',
                    render: (model) => (
                      <span>
                        <code>{model.id}</code> {!model.known && <Badge>not in catalog</Badge>}
                      </span>
                    ),
                  },
                  {
                    key: 'context',
                    header: 'Context',
                    render: (model) => model.contextLength?.toLocaleString() ?? '–',
                    hideOnPhone: true,
                  },
                  {
                    key: 'visible',
                    header: 'Visible',
                    render: (model) => (
                      <Switch
                        checked={!model.hidden}
                        onChange={(visible) => void setHidden(model.id, !visible)}
                        label={`Visible: ${model.id}`}
                      />
                    ),
                  },
                ]}
              />
            </>
          )}
        </Async>
        <h3>Custom models</h3>
        <Async state={custom}>
          {({ models }) => {
            const own = models.filter((model) => model.custom);
            if (own.length === 0)
              return <div className="muted small">None. Add a model the catalog does not know yet.</div>;
            return (
              <ul>
                {own.map((model) => (
                  <li key={model.model} className="row">
                    <code>{model.model}</code>
                    <Button
                      size="small"
                      variant="ghost"
                      onClick={() => void remove(model.model)}
                      aria-label={`Delete model ${model.model}`}
                    >
                      Delete
                    </Button>
                  </li>
                ))}
              </ul>
            );
          }}
        </Async>
        <form onSubmit={add} className="row" style={{ alignItems: 'flex-end' }}>
          <div style={{ flex: 1 }}>
            <Field label="Add a custom model">
              {(props) => (
                <input
                  {...props}
                  value={newModel}
                  onChange={(event) => setNewModel(event.target.value)}
                  placeholder="my-finetune-v2"
                  required
                />
              )}
            </Field>
          </div>
          <div className="field">
            <Button type="submit" busy={adding}>
              Add model
            </Button>
          </div>
        </form>
      </div>
    </Drawer>
  );
}
