import { Badge } from '../../ui/card';
import { Table } from '../../ui/table';
import type { BackendHealth, HealthReport } from './health-types';

const concernLabels: Record<string, string> = {
  storage: 'Storage',
  rateLimits: 'Rate limits',
  budgets: 'Budgets',
  cooldowns: 'Cooldowns, breakers, lockouts',
  sessionPins: 'Session pins',
  idempotency: 'Idempotency',
  responseCache: 'Response cache',
};

const statusTones = { up: 'good', connecting: 'warn', down: 'bad' } as const;

/** Where each concern lives (SQLite or PostgreSQL; this process or Redis) and whether it answers right now. */
export function BackendsTable({ backends }: { backends: HealthReport['backends'] }) {
  const rows = Object.entries(backends).map(([concern, health]) => ({ concern, ...health }));
  return (
    <Table
      caption="Backends"
      rows={rows}
      rowKey={(row) => row.concern}
      columns={[
        { key: 'concern', header: 'Concern', render: (row) => concernLabels[row.concern] ?? row.concern },
        { key: 'backend', header: 'Backend', render: (row) => row.backend },
        {
          key: 'status',
          header: 'Status',
          render: (row) => <Badge tone={statusTones[row.status]}>{row.status}</Badge>,
        },
        { key: 'serving', header: 'Serving from', render: (row) => servingLabel(row), hideOnPhone: true },
      ]}
    />
  );
}

function servingLabel(row: BackendHealth): string {
  if (row.serving === undefined) return row.backend;
  if (row.serving === 'redis') return 'Redis (shared)';
  return row.backend === 'redis' ? 'this process, until Redis returns' : 'this process';
}
