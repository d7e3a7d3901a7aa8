import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge, Card, Stat } from '../../ui/card';
import { formatBytes, formatNumber } from '../../ui/format';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';

/** The parts of `GET /api/cache` worth a glance (every field optional: the route may report less). */
interface CacheStats {
  enabled?: boolean;
  ttlSeconds?: number;
  idempotentReplays?: number;
  semanticCache?: { hitRate?: number };
  idempotency?: { activeKeys?: number };
  exact?: {
    hits?: number;
    misses?: number;
    memorySize?: number;
    memoryMaxSize?: number;
    memoryBytes?: number;
    dbSize?: number;
    dbBytes?: number;
  };
}

/** Response cache statistics with a clear action; hidden while the server has no cache route (404). */
export function CacheCard({ refreshMs }: { refreshMs?: number }) {
  const cache = useApi<CacheStats>('/api/cache', { refreshMs });
  const toast = useToast();
  if (cache.error instanceof ApiError && cache.error.status === 404) return null;
  const clear = async () => {
    try {
      await api.delete('/api/cache');
      toast.success('Cache cleared.');
      cache.reload();
    } catch (error) {
      toast.error(error);
    }
  };
  const stats = cache.data;
  return (
    <Card
      title="Response cache"
      actions={
        stats && (
          <>
            <Badge tone={stats.enabled === false ? 'neutral' : 'good'}>{stats.enabled === false ? 'off' : 'on'}</Badge>
            <Button size="small" onClick={() => void clear()}>
              Clear cache
            </Button>
          </>
        )
      }
    >
      {stats === undefined ? (
        cache.error !== undefined ? (
          <ErrorState error={cache.error} onRetry={cache.reload} />
        ) : (
          <Loading />
        )
      ) : (
        <div className="stats">
          <Stat
            label="Hit rate"
            value={`${((stats.semanticCache?.hitRate ?? 0) * 100).toFixed(1)}%`}
            detail={`${formatNumber(stats.exact?.hits ?? 0)} hits · ${formatNumber(stats.exact?.misses ?? 0)} misses`}
          />
          <Stat
            label="In memory"
            value={formatNumber(stats.exact?.memorySize ?? 0)}
            detail={`of ${formatNumber(stats.exact?.memoryMaxSize)} · ${formatBytes(stats.exact?.memoryBytes ?? 0)}`}
          />
          <Stat
            label="In database"
            value={formatNumber(stats.exact?.dbSize ?? 0)}
            detail={formatBytes(stats.exact?.dbBytes ?? 0)}
          />
          <Stat
            label="Idempotent replays"
            value={formatNumber(stats.idempotentReplays ?? 0)}
            detail={`${formatNumber(stats.idempotency?.activeKeys ?? 0)} keys in the window`}
          />
        </div>
      )}
    </Card>
  );
}
