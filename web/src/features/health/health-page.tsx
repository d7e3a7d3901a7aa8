import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Badge, Card, PageHeader, Stat } from '../../ui/card';
import { Switch } from '../../ui/field';
import { formatBytes, formatNumber } from '../../ui/format';
import { Async } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { LatencyTable } from '../usage/latency-table';
import { BackendsTable } from './backends-table';
import { CacheCard } from './cache-card';
import type { HealthReport } from './health-types';
import { LoadTable } from './load-table';
import { ResilienceTables } from './resilience-tables';

const refreshMs = 5000;

/** Is the gateway well: process, database, breakers, cooling accounts, queues, cache and latency. Refreshes itself. */
export default function HealthPage() {
  const [auto, setAuto] = useState(true);
  const every = auto ? refreshMs : undefined;
  // 503 says the database is down; its body is still the report that shows what is wrong.
  const health = useApi<HealthReport>('/api/monitoring/health', { refreshMs: every, acceptStatuses: [503] });
  const toast = useToast();
  const [resetting, setResetting] = useState(false);
  const resetAll = async () => {
    setResetting(true);
    try {
      await api.post('/api/resilience/reset', {});
      toast.success('Breakers, cooldowns and lockouts cleared.');
      health.reload();
    } catch (error) {
      toast.error(error);
    } finally {
      setResetting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Health"
        description="The gateway's own state, refreshed every few seconds."
        actions={
          <div className="row">
            <Switch checked={auto} onChange={setAuto} label="Auto-refresh" />
            <span>Auto-refresh</span>
          </div>
        }
      />
      <Async state={health}>
        {(report) => (
          <>
            <div className="stats">
              <Stat
                label="Status"
                value={
                  <Badge tone={report.status === 'ok' ? 'good' : 'bad'}>
                    {report.status === 'ok' ? 'OK' : 'Degraded'}
                  </Badge>
                }
                detail={
                  report.database.ok ? `database ${formatBytes(report.database.sizeBytes)}` : report.database.error
                }
              />
              <Stat label="Uptime" value={formatUptime(report.uptimeSeconds)} detail={`version ${report.version}`} />
              <Stat
                label="Memory"
                value={formatBytes(report.memory.rss)}
                detail={`heap ${formatBytes(report.memory.heapUsed)}`}
              />
              <Stat
                label="Providers"
                value={`${formatNumber(report.activeCount)} active`}
                detail={`${report.configuredCount} configured · ${report.catalogCount} in catalog · ${report.monitoredCount} with trouble`}
              />
            </div>
            {report.backends !== undefined && (
              <Card title="Backends">
                <BackendsTable backends={report.backends} />
              </Card>
            )}
          </>
        )}
      </Async>
      <ResilienceTables refreshMs={every} onResetAll={resetAll} resetting={resetting} />
      <Card title="Accounts and queues">
        <LoadTable refreshMs={every} />
      </Card>
      <CacheCard refreshMs={every} />
      <Card title="Latency percentiles (last hour)">
        <LatencyTable refreshMs={every} />
      </Card>
    </>
  );
}

function formatUptime(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3600)} h`;
}
