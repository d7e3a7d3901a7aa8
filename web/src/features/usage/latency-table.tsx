import { useState } from 'react';
import { useApi } from '../../api/use-api';
import { Tabs } from '../../ui/card';
import { formatMs, formatNumber } from '../../ui/format';
import { Async, EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import type { TelemetrySummary } from './usage-types';

/** p50/p95/p99 latency and time to first token per provider or model (`/api/telemetry/summary`). */
export function LatencyTable({ refreshMs }: { refreshMs?: number }) {
  const [by, setBy] = useState<'providers' | 'models'>('providers');
  const summary = useApi<TelemetrySummary>('/api/telemetry/summary', { query: { windowMinutes: 60 }, refreshMs });
  return (
    <>
      <Tabs
        label="Latency by"
        tabs={[
          { id: 'providers', label: 'By provider' },
          { id: 'models', label: 'By model' },
        ]}
        value={by}
        onChange={setBy}
      />
      <Async state={summary}>
        {(data) => (
          <Table
            caption="Latency percentiles"
            rows={data[by]}
            rowKey={(row) => row.name}
            empty={<EmptyState title="No samples in the last hour" />}
            columns={[
              { key: 'name', header: by === 'providers' ? 'Provider' : 'Model', render: (row) => row.name },
              { key: 'requests', header: 'Requests', align: 'right', render: (row) => formatNumber(row.requests) },
              { key: 'p50', header: 'p50', align: 'right', render: (row) => formatMs(row.latencyMs.p50) },
              { key: 'p95', header: 'p95', align: 'right', render: (row) => formatMs(row.latencyMs.p95) },
              {
                key: 'p99',
                header: 'p99',
                align: 'right',
                render: (row) => formatMs(row.latencyMs.p99),
                hideOnPhone: true,
              },
              {
                key: 'ttft',
                header: 'First token p50 / p95',
                align: 'right',
                hideOnPhone: true,
                render: (row) => `${formatMs(row.ttftMs.p50)} / ${formatMs(row.ttftMs.p95)}`,
              },
            ]}
          />
        )}
      </Async>
    </>
  );
}
