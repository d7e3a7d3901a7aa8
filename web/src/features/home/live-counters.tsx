import { useApi } from '../../api/use-api';
import { Stat } from '../../ui/card';
import { formatNumber, formatUsd } from '../../ui/format';

interface Totals {
  requests: number;
  errors: number;
  costUsd: number;
}

const startOfToday = () => {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  return today.getTime();
};

/** Today's requests, cost and errors (local day) and the providers that can serve; refreshed every 15 s. */
export function LiveCounters() {
  const usage = useApi<{ totals: Totals }>('/api/usage/history', {
    query: { bucket: 'hour', from: startOfToday() },
    refreshMs: 15_000,
  });
  const health = useApi<{ activeCount: number; configuredCount: number }>('/api/monitoring/health', {
    refreshMs: 15_000,
  });
  const totals = usage.data?.totals;
  const failed = usage.error !== undefined && totals === undefined;
  return (
    <section className="stats" aria-label="Today">
      <Stat label="Requests today" value={failed ? '–' : formatNumber(totals?.requests)} />
      <Stat label="Cost today" value={failed ? '–' : formatUsd(totals?.costUsd)} />
      <Stat label="Errors today" value={failed ? '–' : formatNumber(totals?.errors)} />
      <Stat
        label="Active providers"
        value={health.data ? formatNumber(health.data.activeCount) : '–'}
        detail={health.data ? `${health.data.configuredCount} configured` : undefined}
      />
    </section>
  );
}
