import { formatNumber, formatUsd } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import { groupTotals } from './chart-series';
import type { UsageHistory } from './usage-types';

/** The busiest models or keys of the range, with a bar showing each one's share of the requests. */
export function TopList({ history, what }: { history: UsageHistory; what: 'model' | 'key' }) {
  const rows = groupTotals(history).slice(0, 10);
  const most = rows[0]?.requests ?? 0;
  const label = (row: { id: string; label: string }) =>
    row.id === '(none)' ? (what === 'key' ? 'no key' : '(none)') : row.label;
  return (
    <Table
      caption={`Top ${what}s`}
      rows={rows}
      rowKey={(row) => row.id}
      empty={<EmptyState title="Nothing yet" />}
      columns={[
        {
          key: 'name',
          header: what === 'model' ? 'Model' : 'Key',
          render: (row) => (
            <div className="share">
              <span>{label(row)}</span>
              <span className="share-bar" style={{ width: `${most === 0 ? 0 : (row.requests / most) * 100}%` }} />
            </div>
          ),
        },
        { key: 'requests', header: 'Requests', align: 'right', render: (row) => formatNumber(row.requests) },
        {
          key: 'tokens',
          header: 'Tokens',
          align: 'right',
          render: (row) => formatNumber(row.tokens),
          hideOnPhone: true,
        },
        { key: 'cost', header: 'Cost', align: 'right', render: (row) => formatUsd(row.costUsd) },
      ]}
    />
  );
}
