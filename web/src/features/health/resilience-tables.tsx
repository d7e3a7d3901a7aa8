import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge, Card } from '../../ui/card';
import { formatRelative } from '../../ui/format';
import { Async, EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import { useToast } from '../../ui/toast';
import { useNames } from '../logs/use-names';
import type { ResilienceView } from './health-types';

const breakerTone = { CLOSED: 'good', HALF_OPEN: 'warn', OPEN: 'bad' } as const;

/** Provider breakers, cooling accounts and locked-out models, each with a reset. */
export function ResilienceTables({
  refreshMs,
  onResetAll,
  resetting,
}: {
  refreshMs?: number;
  onResetAll: () => Promise<void>;
  resetting: boolean;
}) {
  const view = useApi<ResilienceView>('/api/resilience', { refreshMs });
  const names = useNames();
  const toast = useToast();
  const reset = async (body: { provider?: string; connectionId?: string }, what: string) => {
    try {
      await api.post('/api/resilience/reset', body);
      toast.success(`${what} reset.`);
      view.reload();
    } catch (error) {
      toast.error(error);
    }
  };
  return (
    <Card
      title="Breakers and cooldowns"
      actions={
        <Button size="small" onClick={() => void onResetAll().then(view.reload)} busy={resetting}>
          Reset all
        </Button>
      }
    >
      <Async state={view}>
        {({ state }) =>
          state.breakers.length === 0 && state.cooldowns.length === 0 && state.lockouts.length === 0 ? (
            <EmptyState title="All clear">No provider breaker is tripped and no account is cooling down.</EmptyState>
          ) : (
            <div className="stack">
              {state.breakers.length > 0 && (
                <Table
                  caption="Provider breakers"
                  rows={state.breakers}
                  rowKey={(row) => row.provider}
                  columns={[
                    { key: 'provider', header: 'Provider', render: (row) => row.provider },
                    {
                      key: 'state',
                      header: 'Breaker',
                      render: (row) => <Badge tone={breakerTone[row.state]}>{row.state}</Badge>,
                    },
                    { key: 'failures', header: 'Failures', align: 'right', render: (row) => row.failures },
                    {
                      key: 'probe',
                      header: 'Next probe',
                      render: (row) => formatRelative(row.nextProbeAt ?? null),
                      hideOnPhone: true,
                    },
                    {
                      key: 'reset',
                      header: '',
                      render: (row) => (
                        <Button
                          size="small"
                          onClick={() => void reset({ provider: row.provider }, `Breaker of ${row.provider}`)}
                        >
                          Reset
                        </Button>
                      ),
                    },
                  ]}
                />
              )}
              {state.cooldowns.length > 0 && (
                <Table
                  caption="Cooling accounts"
                  rows={state.cooldowns}
                  rowKey={(row) => row.connectionId}
                  columns={[
                    { key: 'account', header: 'Cooling account', render: (row) => names.connection(row.connectionId) },
                    { key: 'reason', header: 'Reason', render: (row) => <Badge tone="warn">{row.reason}</Badge> },
                    { key: 'until', header: 'Back', render: (row) => formatRelative(row.until) },
                    { key: 'level', header: 'In a row', align: 'right', render: (row) => row.level, hideOnPhone: true },
                    {
                      key: 'reset',
                      header: '',
                      render: (row) => (
                        <Button size="small" onClick={() => void reset({ connectionId: row.connectionId }, 'Cooldown')}>
                          Reset
                        </Button>
                      ),
                    },
                  ]}
                />
              )}
              {state.lockouts.length > 0 && (
                <Table
                  caption="Locked-out models"
                  rows={state.lockouts}
                  rowKey={(row) => `${row.connectionId}/${row.model}`}
                  columns={[
                    { key: 'model', header: 'Locked-out model', render: (row) => row.model },
                    { key: 'account', header: 'Account', render: (row) => names.connection(row.connectionId) },
                    { key: 'until', header: 'Back', render: (row) => formatRelative(row.until) },
                    {
                      key: 'failures',
                      header: 'Failures',
                      align: 'right',
                      render: (row) => row.failures,
                      hideOnPhone: true,
                    },
                  ]}
                />
              )}
            </div>
          )
        }
      </Async>
    </Card>
  );
}
