import { useApi } from '../../api/use-api';
import { formatNumber } from '../../ui/format';
import { Async, EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import type { AccountLoad } from './health-types';

/** Per account: requests running, waiting in its queue, and served since start (`/api/rate-limits`). */
export function LoadTable({ refreshMs }: { refreshMs?: number }) {
  const load = useApi<{ accounts: AccountLoad[] }>('/api/rate-limits', { refreshMs });
  return (
    <Async state={load}>
      {({ accounts }) => (
        <Table
          caption="Accounts and queues"
          rows={accounts}
          rowKey={(row) => row.connectionId}
          empty={<EmptyState title="No active accounts">Connect a provider to see its accounts here.</EmptyState>}
          columns={[
            { key: 'account', header: 'Account', render: (row) => `${row.provider}/${row.name}` },
            { key: 'active', header: 'Running', align: 'right', render: (row) => formatNumber(row.active) },
            { key: 'queued', header: 'Queued', align: 'right', render: (row) => formatNumber(row.queued) },
            { key: 'served', header: 'Served', align: 'right', render: (row) => formatNumber(row.served) },
            { key: 'cooldown', header: 'Cooling', render: (row) => (row.cooldown ? 'yes' : 'no'), hideOnPhone: true },
          ]}
        />
      )}
    </Async>
  );
}
