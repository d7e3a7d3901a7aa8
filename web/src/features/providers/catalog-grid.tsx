import { useState } from 'react';
import type { CatalogProvider } from '../../api/types';
import { Button } from '../../ui/button';
import { Badge, Tabs } from '../../ui/card';
import { Field } from '../../ui/field';
import { EmptyState } from '../../ui/states';

const categories = [
  { id: 'all', label: 'All' },
  { id: 'api', label: 'API' },
  { id: 'aggregator', label: 'Aggregators' },
  { id: 'local', label: 'Local' },
  { id: 'subscription', label: 'Subscriptions' },
] as const;
type CategoryId = (typeof categories)[number]['id'];

/** The catalog: search by name, id or model; filter by category; connect any provider. */
export function CatalogGrid({
  providers,
  onConnect,
}: {
  providers: CatalogProvider[];
  onConnect: (provider: string) => void;
}) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<CategoryId>('all');
  const needle = query.trim().toLowerCase();
  const shown = providers.filter(
    (provider) =>
      (category === 'all' || provider.category === category) &&
      (needle === '' ||
        provider.name.toLowerCase().includes(needle) ||
        provider.id.includes(needle) ||
        provider.models.some((model) => model.id.toLowerCase().includes(needle))),
  );
  const present = categories.filter(
    (entry) => entry.id === 'all' || providers.some((provider) => provider.category === entry.id),
  );

  return (
    <div className="stack">
      <Field label="Search the catalog">
        {(props) => (
          <input
            {...props}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="openai, claude, llama…"
          />
        )}
      </Field>
      <Tabs
        label="Categories"
        tabs={present.map((entry) => ({ id: entry.id, label: entry.label }))}
        value={category}
        onChange={setCategory}
      />
      {shown.length === 0 ? (
        <EmptyState title="No provider matches">Add your own endpoint with “Custom node”.</EmptyState>
      ) : (
        <div className="grid catalog-grid">
          {shown.map((provider) => (
            <div key={provider.id} className="catalog-card" data-testid={`catalog-${provider.id}`}>
              <div className="row">
                <strong>{provider.name}</strong>
                <span className="spacer" />
                {provider.connected && <Badge tone="good">connected</Badge>}
              </div>
              <div className="muted small">
                <code>{provider.id}</code>
                {provider.alias ? ` · alias ${provider.alias}` : ''} · {provider.format} · {provider.models.length}{' '}
                models
              </div>
              <div>
                <Button
                  size="small"
                  variant={provider.connected ? 'secondary' : 'primary'}
                  onClick={() => onConnect(provider.id)}
                  aria-label={`Connect ${provider.name}`}
                >
                  {provider.connected ? 'Add account' : 'Connect'}
                </Button>
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
