import type { ConnectionTest } from '../../api/types';
import { Badge } from '../../ui/card';
import { formatMs, formatRelative } from '../../ui/format';

/** "OK · 212 ms" or "401 · Invalid key": the last connection test, as stored on the account. */
export function TestResult({ test }: { test: ConnectionTest | null }) {
  if (test === null) return <span className="muted small">not tested</span>;
  return (
    <span className="row" style={{ gap: 6 }} title={`${test.message}${test.model ? ` (model ${test.model})` : ''}`}>
      <Badge tone={test.ok ? 'good' : 'bad'}>
        {test.ok ? 'OK' : test.status === null ? 'unreachable' : `HTTP ${test.status}`}
      </Badge>
      <span className="small">{formatMs(test.latencyMs)}</span>
      {!test.ok && <span className="small test-message">{test.message}</span>}
      <span className="muted small">{formatRelative(test.testedAt)}</span>
    </span>
  );
}
