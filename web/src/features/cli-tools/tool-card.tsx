import { useEffect, useRef } from 'react';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge, Card } from '../../ui/card';
import { ErrorState, Loading } from '../../ui/states';
import type { CliTool, ToolStatus } from './cli-tool-types';

/** One tool: whether it is installed and runnable, its config file, whether that points here; "Set up" if supported. */
export function ToolCard({
  tool,
  refresh,
  onSetup,
}: {
  tool: CliTool;
  /** Changes after a write, so the card reads the new config. */
  refresh: number;
  onSetup: (status: ToolStatus) => void;
}) {
  const state = useApi<ToolStatus>(`/api/cli-tools/${tool.id}-settings`);
  const { reload } = state;
  const seen = useRef(refresh);
  useEffect(() => {
    if (seen.current === refresh) return;
    seen.current = refresh;
    reload();
  }, [refresh, reload]);
  const status = state.data;
  return (
    <Card
      title={tool.name}
      actions={
        status?.setupSupported && (
          <Button size="small" variant="primary" aria-label={`Set up ${tool.name}`} onClick={() => onSetup(status)}>
            Set up
          </Button>
        )
      }
    >
      {status === undefined ? (
        state.error !== undefined ? (
          <ErrorState error={state.error} onRetry={state.reload} />
        ) : (
          <Loading />
        )
      ) : (
        <ToolFacts status={status} />
      )}
    </Card>
  );
}

function ToolFacts({ status }: { status: ToolStatus }) {
  const { config } = status;
  return (
    <dl className="cli-tool-facts">
      <dt>Status</dt>
      <dd>
        <RuntimeBadge status={status} />
        {status.reason && <div className="muted">{status.reason}</div>}
        {!status.installed && <div className="muted">Install it on this machine, then reload the page.</div>}
      </dd>
      <dt>Version</dt>
      <dd>{status.version ?? '–'}</dd>
      <dt>Config</dt>
      <dd>
        <code>{config.path}</code>
        {!config.exists && <div className="muted">does not exist yet</div>}
        {config.error && <div className="field-error">{config.error}</div>}
      </dd>
      <dt>Gateway</dt>
      <dd>
        {status.pointsAtGateway ? (
          <Badge tone="good">uses this gateway</Badge>
        ) : (
          <Badge tone="neutral" title={config.baseUrl ?? undefined}>
            {config.baseUrl ? 'points elsewhere' : 'not set up'}
          </Badge>
        )}
        {config.baseUrl && <div className="muted">{config.baseUrl}</div>}
      </dd>
      {!status.setupSupported && (
        <dd className="muted cli-tool-note">Automatic setup is not available for this tool yet.</dd>
      )}
    </dl>
  );
}

function RuntimeBadge({ status }: { status: ToolStatus }) {
  if (status.runnable) return <Badge tone="good">installed</Badge>;
  if (status.installed) return <Badge tone="warn">installed, not runnable</Badge>;
  return <Badge tone="neutral">not installed</Badge>;
}
