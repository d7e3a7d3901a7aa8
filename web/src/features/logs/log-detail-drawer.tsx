import type { ReactNode } from 'react';
import { useApi } from '../../api/use-api';
import { Link } from '../../app/router';
import { Badge } from '../../ui/card';
import { CodeBlock } from '../../ui/copy-button';
import { formatMs, formatNumber, formatTime, formatUsd } from '../../ui/format';
import { Drawer } from '../../ui/overlay';
import { Async } from '../../ui/states';
import type { RequestLogDetail } from './log-types';
import { StatusBadge } from './status-badge';
import type { Names } from './use-names';

/** One request in full: how it was routed, what it cost, and its bodies when detailed logging was on. */
export function LogDetailDrawer({ id, names, onClose }: { id: string; names: Names; onClose: () => void }) {
  const detail = useApi<RequestLogDetail>(`/api/usage/request-logs/${encodeURIComponent(id)}`);
  return (
    <Drawer title="Request details" onClose={onClose}>
      <Async state={detail}>
        {(log) => (
          <div className="log-detail">
            <h3>Routing</h3>
            <ol className="route-trace" data-testid="route-trace">
              <TraceStep label="Client">
                {log.client_format} · <code>{log.route}</code> · key {names.key(log.api_key_id)}
              </TraceStep>
              <TraceStep label="Asked for">{log.model_requested ?? '–'}</TraceStep>
              {log.combo && <TraceStep label="Combo">{log.combo}</TraceStep>}
              <TraceStep label="Served by">
                {log.provider ? `${log.provider}/${log.model ?? '?'}` : 'no upstream call'}
                {log.connection_id && ` · account ${names.connection(log.connection_id)}`}
              </TraceStep>
              <TraceStep label="Attempts">
                {log.attempts}
                {log.attempts > 1 && <Badge tone="warn">fallback</Badge>}
              </TraceStep>
              <TraceStep label="Result">
                <StatusBadge status={log.status} /> {log.error && <span className="log-error">{log.error}</span>}
              </TraceStep>
            </ol>
            <h3>Numbers</h3>
            <dl className="detail-list">
              <Item label="Time">{formatTime(log.created_at)}</Item>
              <Item label="Latency">{formatMs(log.latency_ms)}</Item>
              <Item label="First byte">{formatMs(log.ttft_ms)}</Item>
              <Item label="Upstream">{formatMs(log.upstream_ms)}</Item>
              <Item label="Streamed">{log.streamed ? 'yes' : 'no'}</Item>
              <Item label="Input tokens">{formatNumber(log.input_tokens)}</Item>
              <Item label="Output tokens">{formatNumber(log.output_tokens)}</Item>
              <Item label="Cached tokens">{formatNumber(log.cached_tokens)}</Item>
              <Item label="Reasoning tokens">{formatNumber(log.reasoning_tokens)}</Item>
              <Item label="Cost">{log.priced === false ? 'no price known' : formatUsd(log.cost_usd)}</Item>
              <Item label="Cache">{log.cache_status ?? '–'}</Item>
              <Item label="Request id">
                <code className="small">{log.request_id}</code>
              </Item>
            </dl>
            <h3>Bodies</h3>
            {log.request_body === null && log.response_body === null ? (
              <p className="muted">
                Not stored. Turn on detailed logging in <Link to="/settings?section=general">Settings</Link> to keep
                request and response bodies of new requests.
              </p>
            ) : (
              <>
                {log.bodies_truncated && <p className="muted">Bodies were cut at the configured size limit.</p>}
                {log.request_body !== null && <CodeBlock label="Request" code={pretty(log.request_body)} />}
                {log.response_body !== null && <CodeBlock label="Response" code={pretty(log.response_body)} />}
              </>
            )}
          </div>
        )}
      </Async>
    </Drawer>
  );
}

function TraceStep({ label, children }: { label: string; children: ReactNode }) {
  return (
    <li>
      <span className="trace-label">{label}</span> <span>{children}</span>
    </li>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Stored bodies are JSON text, or SSE text for streams: indent the JSON, show the rest as it is. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
