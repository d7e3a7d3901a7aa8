import { useMemo, useState } from 'react';
import { useApi } from '../../api/use-api';
import { useSearchParams } from '../../app/router';
import { Button } from '../../ui/button';
import { Card, PageHeader, Stat, Tabs } from '../../ui/card';
import { Field } from '../../ui/field';
import { formatNumber, formatUsd } from '../../ui/format';
import { Async, EmptyState } from '../../ui/states';
import { BudgetList } from './budget-list';
import { chartSeries } from './chart-series';
import { LatencyTable } from './latency-table';
import { StackedBarChart } from './stacked-bar-chart';
import { TopList } from './top-list';
import type { Metric, UsageHistory } from './usage-types';
import './usage.css';

const ranges = {
  '24h': { ms: 86_400_000, bucket: 'hour', label: 'Last 24 hours' },
  '7d': { ms: 7 * 86_400_000, bucket: 'hour', label: 'Last 7 days' },
  '30d': { ms: 30 * 86_400_000, bucket: 'day', label: 'Last 30 days' },
  '90d': { ms: 90 * 86_400_000, bucket: 'day', label: 'Last 90 days' },
} as const;
type Range = keyof typeof ranges;
const groupings = ['provider', 'model', 'key', 'combo'] as const;
type Grouping = (typeof groupings)[number];

/** Costs per bucket are often fractions of a cent: two significant digits keep axis ticks apart. */
const formatCost = (value: number) =>
  value > 0 && value < 0.01 ? `$${Number(value.toPrecision(2))}` : formatUsd(value);

const metricFormat: Record<Metric, (value: number) => string> = {
  requests: formatNumber,
  tokens: formatNumber,
  cost: formatCost,
};

/** Requests, tokens and cost over time, who used what, budgets and latency. Choices live in the URL. */
export default function UsagePage() {
  const [params, setParams] = useSearchParams();
  const range: Range = (params.get('range') as Range) in ranges ? (params.get('range') as Range) : '24h';
  const groupBy: Grouping = groupings.includes(params.get('groupBy') as Grouping)
    ? (params.get('groupBy') as Grouping)
    : 'provider';
  const metric: Metric =
    (['requests', 'tokens', 'cost'] as const).find((value) => value === params.get('metric')) ?? 'requests';
  const [now, setNow] = useState(() => Date.now());
  const { bucket } = ranges[range];
  const query = useMemo(() => ({ from: now - ranges[range].ms, to: now, bucket }), [now, range, bucket]);

  const history = useApi<UsageHistory>('/api/usage/history', { query: { ...query, groupBy } });
  const byModel = useApi<UsageHistory>('/api/usage/history', { query: { ...query, groupBy: 'model' } });
  const byKey = useApi<UsageHistory>('/api/usage/history', { query: { ...query, groupBy: 'key' } });

  return (
    <>
      <PageHeader
        title="Usage and costs"
        description="Every client request counted: requests, tokens and cost, by provider, model, key or combo."
        actions={<Button onClick={() => setNow(Date.now())}>Refresh</Button>}
      />
      <Card>
        <div className="form-grid usage-controls">
          <Field label="Range">
            {(props) => (
              <select {...props} value={range} onChange={(event) => setParams({ range: event.target.value })}>
                {Object.entries(ranges).map(([value, option]) => (
                  <option key={value} value={value}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Group by">
            {(props) => (
              <select {...props} value={groupBy} onChange={(event) => setParams({ groupBy: event.target.value })}>
                {groupings.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </Card>
      <Async state={history}>
        {(data) => (
          <>
            <div className="stats usage-stats">
              <Stat
                label="Requests"
                value={formatNumber(data.totals.requests)}
                detail={`${formatNumber(data.totals.errors)} ${data.totals.errors === 1 ? 'error' : 'errors'}`}
              />
              <Stat
                label="Tokens"
                value={formatNumber(data.totals.inputTokens + data.totals.outputTokens)}
                detail={`${formatNumber(data.totals.inputTokens)} in · ${formatNumber(data.totals.outputTokens)} out`}
              />
              <Stat
                label="Cost"
                value={formatUsd(data.totals.costUsd)}
                detail={
                  data.totals.unpricedRequests > 0
                    ? `${formatNumber(data.totals.unpricedRequests)} requests without a price`
                    : 'all requests priced'
                }
              />
              <Stat
                label="Error rate"
                value={
                  data.totals.requests === 0
                    ? '–'
                    : `${((data.totals.errors / data.totals.requests) * 100).toFixed(1)}%`
                }
              />
            </div>
            <Card
              title={`Over time, by ${groupBy}`}
              actions={
                <Tabs
                  label="Metric"
                  tabs={[
                    { id: 'requests', label: 'Requests' },
                    { id: 'tokens', label: 'Tokens' },
                    { id: 'cost', label: 'Cost' },
                  ]}
                  value={metric}
                  onChange={(next) => setParams({ metric: next === 'requests' ? undefined : next })}
                />
              }
            >
              {data.totals.requests === 0 ? (
                <EmptyState title="No requests in this range">
                  Send a request (the Playground is quickest) and refresh.
                </EmptyState>
              ) : (
                <StackedBarChart
                  series={chartSeries(data, metric)}
                  format={metricFormat[metric]}
                  bucket={data.bucket}
                  label={`${metric} per ${data.bucket} by ${groupBy}`}
                />
              )}
            </Card>
          </>
        )}
      </Async>
      <div className="usage-grid">
        <Card title="Top models">
          <Async state={byModel}>{(data) => <TopList history={data} what="model" />}</Async>
        </Card>
        <Card title="Top keys">
          <Async state={byKey}>{(data) => <TopList history={data} what="key" />}</Async>
        </Card>
      </div>
      <Card title="Budgets">
        <BudgetList />
      </Card>
      <Card title="Latency percentiles (last hour)">
        <LatencyTable />
      </Card>
    </>
  );
}
