import { useCallback, useMemo, useState } from 'react';
import { useApi } from '../../api/use-api';
import { useSearchParams } from '../../app/router';
import { Button } from '../../ui/button';
import { Badge, Card, PageHeader } from '../../ui/card';
import { formatMs, formatNumber, formatTime, formatUsd } from '../../ui/format';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { type Column, Pagination, Table } from '../../ui/table';
import { LogDetailDrawer } from './log-detail-drawer';
import { LogFilters, type LogFilterValues, type LogRange, logRanges } from './log-filters';
import type { RequestLog, RequestLogPage } from './log-types';
import { shortTime } from './short-time';
import { StatusBadge } from './status-badge';
import { useNames } from './use-names';
import './logs.css';

const pageSize = 50;
const filterNames = ['range', 'status', 'provider', 'model', 'key', 'combo'] as const;

/** Every client request, newest first: filters and the page cursor in the URL, details in a drawer. */
export default function LogsPage() {
  const [params, setParams] = useSearchParams();
  const names = useNames();
  const filters: LogFilterValues = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? undefined]));
  const before = params.get('before') ?? undefined;
  const open = params.get('log') ?? undefined;
  // Cursors of the pages before this one, so "Newer" can go back; lost on reload, where "Newest" still works.
  const [previous, setPrevious] = useState<string[]>([]);
  const [refreshedAt, setRefreshedAt] = useState(() => Date.now());
  const range = filters.range as LogRange | undefined;
  // `from` is fixed when the range is chosen (or refreshed), not recomputed per render: each change is a new query.
  const from = useMemo(
    () => (range && range in logRanges ? refreshedAt - logRanges[range] : undefined),
    [range, refreshedAt],
  );
  const query = {
    limit: pageSize,
    before,
    from,
    status: filters.status,
    provider: filters.provider,
    model: filters.model,
    key: filters.key,
    combo: filters.combo,
  };
  const page = useApi<RequestLogPage>('/api/usage/request-logs', { query });

  const changeFilters = useCallback(
    (values: LogFilterValues) => {
      setPrevious([]);
      setParams({ ...values, before: undefined });
    },
    [setParams],
  );
  const refresh = () => {
    setRefreshedAt(Date.now());
    page.reload();
  };
  const columns = logColumns(names);
  const filtered = filterNames.some((name) => params.get(name));

  return (
    <>
      <PageHeader
        title="Request logs"
        description="One row per client request: where it went, what it cost, how long it took."
        actions={
          <Button onClick={refresh} busy={page.loading && page.data !== undefined}>
            Refresh
          </Button>
        }
      />
      <Card>
        <LogFilters values={filters} names={names} onChange={changeFilters} />
        {filtered && (
          <Button
            size="small"
            variant="ghost"
            onClick={() => changeFilters(Object.fromEntries(filterNames.map((name) => [name, undefined])))}
          >
            Clear filters
          </Button>
        )}
      </Card>
      <Card>
        {page.data === undefined ? (
          page.error !== undefined ? (
            <ErrorState error={page.error} onRetry={page.reload} />
          ) : (
            <Loading />
          )
        ) : (
          <>
            <div className="logs-table">
              <Table
                caption="Request logs"
                columns={columns}
                rows={page.data.logs}
                rowKey={(row) => String(row.id)}
                pageSize={pageSize}
                onRowClick={(row) => setParams({ log: String(row.id) }, { push: true })}
                empty={
                  <EmptyState title={filtered ? 'No request matches these filters' : 'No requests yet'}>
                    {filtered
                      ? 'Try a wider time range or clear the filters.'
                      : 'Requests show here as soon as a client (or the playground) calls the gateway.'}
                  </EmptyState>
                }
              />
            </div>
            {(before !== undefined || page.data.nextCursor !== null) && (
              <Pagination
                label={before === undefined ? 'Newest' : 'Older requests'}
                hasPrevious={before !== undefined}
                hasNext={page.data.nextCursor !== null}
                onPrevious={() => {
                  const back = previous.at(-1);
                  setPrevious(previous.slice(0, -1));
                  setParams({ before: back });
                }}
                onNext={() => {
                  setPrevious([...previous, before ?? '']);
                  setParams({ before: String(page.data?.nextCursor) });
                }}
              />
            )}
          </>
        )}
      </Card>
      {open !== undefined && <LogDetailDrawer id={open} names={names} onClose={() => setParams({ log: undefined })} />}
    </>
  );
}

function logColumns(names: ReturnType<typeof useNames>): Column<RequestLog>[] {
  return [
    {
      key: 'time',
      header: 'Time',
      render: (row) => <span title={formatTime(row.created_at)}>{shortTime(row.created_at)}</span>,
    },
    {
      key: 'model',
      header: 'Model',
      render: (row) => (
        <span title={row.model_requested ?? undefined}>
          {row.model ?? row.model_requested ?? '–'}
          {row.combo && <span className="muted small"> via {row.combo}</span>}
        </span>
      ),
    },
    { key: 'provider', header: 'Provider', render: (row) => row.provider ?? '–', hideOnPhone: true },
    { key: 'account', header: 'Account', render: (row) => names.connection(row.connection_id), hideOnPhone: true },
    { key: 'key', header: 'Key', render: (row) => names.key(row.api_key_id), hideOnPhone: true },
    { key: 'status', header: 'Status', render: (row) => <StatusBadge status={row.status} /> },
    {
      key: 'tokens',
      header: 'Tokens in/out',
      align: 'right',
      hideOnPhone: true,
      render: (row) => `${formatNumber(row.input_tokens)} / ${formatNumber(row.output_tokens)}`,
    },
    {
      key: 'cost',
      header: 'Cost',
      align: 'right',
      render: (row) => (row.priced === false ? '–' : formatUsd(row.cost_usd)),
    },
    { key: 'latency', header: 'Latency', align: 'right', render: (row) => formatMs(row.latency_ms) },
    {
      key: 'attempts',
      header: 'Attempts',
      align: 'right',
      hideOnPhone: true,
      render: (row) => (row.attempts > 1 ? <Badge tone="warn">{row.attempts}</Badge> : row.attempts),
    },
  ];
}
