import { useApi } from '../../api/use-api';

interface CatalogAnswer {
  providers: Array<{
    id: string;
    name: string;
    connected: boolean;
    models: Array<{ id: string; type?: string }>;
  }>;
}

interface CombosAnswer {
  combos: Array<{ name: string }>;
}

export interface ModelOption {
  value: string;
  /** "Combo" or the provider's name, shown beside the value. */
  group: string;
}

/** Everything the playground can chat with: combos first, then chat models of connected providers. */
export function useModelOptions(): { options: ModelOption[]; loading: boolean; error: unknown } {
  const catalog = useApi<CatalogAnswer>('/api/models/catalog');
  const combos = useApi<CombosAnswer>('/api/combos');
  const options: ModelOption[] = [
    ...(combos.data?.combos ?? []).map((combo) => ({ value: combo.name, group: 'Combo' })),
    ...(catalog.data?.providers ?? [])
      .filter((provider) => provider.connected)
      .flatMap((provider) =>
        provider.models
          .filter((model) => model.type === undefined || model.type === 'chat')
          .map((model) => ({ value: `${provider.id}/${model.id}`, group: provider.name })),
      ),
  ];
  return { options, loading: catalog.loading || combos.loading, error: catalog.error ?? combos.error };
}
