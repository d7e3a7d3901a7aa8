import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge } from '../../ui/card';
import { formatMs, formatNumber, formatUsd } from '../../ui/format';
import { Drawer } from '../../ui/overlay';
import { Async } from '../../ui/states';
import { Table } from '../../ui/table';
import { useToast } from '../../ui/toast';
import { type EvalResultView, type EvalRunView, formatScore } from './eval-types';
import { ResultDialog } from './result-dialog';
import { RunStatus } from './run-status';

/** A run: scores per target, every case's result (click for its answer), re-run and cancel. Polls while running. */
export function RunDrawer({
  runId,
  onClose,
  onChanged,
  onOpen,
}: {
  runId: string;
  onClose: () => void;
  onChanged: () => void;
  onOpen: (id: string) => void;
}) {
  const toast = useToast();
  const [running, setRunning] = useState(true);
  const state = useApi<EvalRunView>(`/api/evals/${encodeURIComponent(runId)}`, running ? { refreshMs: 1000 } : {});
  // Poll only while the run runs (the page keys this drawer by run id, so a re-run starts polling afresh).
  const stillRunning = state.data === undefined || state.data.status === 'running';
  if (running !== stillRunning) setRunning(stillRunning);
  const [shown, setShown] = useState<EvalResultView>();
  const [busy, setBusy] = useState(false);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      onChanged();
    } catch (caught) {
      toast.error(caught);
    } finally {
      setBusy(false);
    }
  };
  const cancel = () =>
    act(async () => {
      await api.post(`/api/evals/${encodeURIComponent(runId)}/cancel`);
      state.reload();
    });
  const rerun = () =>
    act(async () => {
      const run = await api.post<EvalRunView>('/api/evals', { action: 'rerun', run: runId });
      toast.success('Run started again');
      onOpen(run.id);
    });

  return (
    <Drawer title={`Run ${runId.slice(0, 8)}`} onClose={onClose}>
      <Async state={state}>
        {(run) => (
          <div className="stack">
            <div className="row">
              <code>{run.suite.name}</code>
              <RunStatus run={run} />
              {run.status === 'running' ? (
                <Button variant="danger" busy={busy} onClick={() => void cancel()}>
                  Cancel run
                </Button>
              ) : (
                <Button busy={busy} onClick={() => void rerun()}>
                  Re-run
                </Button>
              )}
            </div>
            <Table
              caption="Scores per target"
              rows={run.scores}
              rowKey={(score) => score.target}
              columns={[
                { key: 'target', header: 'Target', render: (score) => <code>{score.target}</code> },
                { key: 'score', header: 'Score', align: 'right', render: (score) => formatScore(score.score) },
                {
                  key: 'passed',
                  header: 'Passed',
                  align: 'right',
                  render: (score) => `${score.passed}/${score.total}`,
                },
                {
                  key: 'latency',
                  header: 'Avg latency',
                  align: 'right',
                  render: (score) => formatMs(score.avgLatencyMs),
                },
                {
                  key: 'tokens',
                  header: 'Tokens',
                  align: 'right',
                  hideOnPhone: true,
                  render: (score) => `${formatNumber(score.inputTokens)} / ${formatNumber(score.outputTokens)}`,
                },
                { key: 'cost', header: 'Cost', align: 'right', render: (score) => formatUsd(score.costUsd) },
              ]}
            />
            <Table
              caption="Results per case"
              rows={run.results ?? []}
              rowKey={(result) => `${result.caseIndex}:${result.target}`}
              onRowClick={setShown}
              columns={[
                {
                  key: 'case',
                  header: 'Case',
                  // The case name opens its answer (rows are clickable too, but buttons reach keyboards).
                  render: (result) => (
                    <Button
                      size="small"
                      variant="ghost"
                      aria-label={`Answer of ${result.case} on ${result.target}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        setShown(result);
                      }}
                    >
                      {result.case}
                    </Button>
                  ),
                },
                {
                  key: 'target',
                  header: 'Target',
                  hideOnPhone: true,
                  render: (result) => <code>{result.target}</code>,
                },
                {
                  key: 'result',
                  header: 'Result',
                  render: (result) =>
                    result.passed ? <Badge tone="good">pass</Badge> : <Badge tone="bad">fail</Badge>,
                },
                { key: 'reason', header: 'Reason', render: (result) => result.reason ?? '' },
                {
                  key: 'latency',
                  header: 'Latency',
                  align: 'right',
                  hideOnPhone: true,
                  render: (result) => formatMs(result.latencyMs),
                },
                {
                  key: 'tokens',
                  header: 'Tokens',
                  align: 'right',
                  hideOnPhone: true,
                  render: (result) => `${formatNumber(result.inputTokens)} / ${formatNumber(result.outputTokens)}`,
                },
                {
                  key: 'cost',
                  header: 'Cost',
                  align: 'right',
                  hideOnPhone: true,
                  render: (result) => formatUsd(result.costUsd),
                },
              ]}
            />
          </div>
        )}
      </Async>
      {shown && <ResultDialog result={shown} onClose={() => setShown(undefined)} />}
    </Drawer>
  );
}
