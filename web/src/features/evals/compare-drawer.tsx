import { useApi } from '../../api/use-api';
import { Badge } from '../../ui/card';
import { formatMs } from '../../ui/format';
import { Drawer } from '../../ui/overlay';
import { Async } from '../../ui/states';
import { Table } from '../../ui/table';
import { type CaseCell, type EvalComparison, formatScore } from './eval-types';

function Cell({ cell }: { cell: CaseCell | null | undefined }) {
  if (!cell) return <span className="muted">not run</span>;
  return (
    <span title={cell.reason ?? undefined}>
      {cell.passed ? <Badge tone="good">pass</Badge> : <Badge tone="bad">fail</Badge>}{' '}
      <span className="muted">{formatMs(cell.latencyMs)}</span>
      {cell.reason && <div className="muted eval-reason">{cell.reason}</div>}
    </span>
  );
}

/** Two runs side by side: scores per target, then every case (aligned by name) per run and target. */
export function CompareDrawer({ ids, onClose }: { ids: [string, string]; onClose: () => void }) {
  const state = useApi<EvalComparison>(`/api/evals/${encodeURIComponent(ids[0])}/compare`, {
    query: { with: ids[1] },
  });
  return (
    <Drawer title="Compare runs" onClose={onClose}>
      <Async state={state}>
        {({ runs, cases }) => {
          const columns = runs.flatMap((run, index) => run.targets.map((target) => ({ index, runId: run.id, target })));
          return (
            <div className="stack">
              <div className="grid eval-compare">
                {runs.map((run) => (
                  <div key={run.id} className="stack">
                    <strong>
                      <code>{run.suite.name}</code> · {run.id}
                    </strong>
                    {run.scores.map((score) => (
                      <div key={score.target}>
                        <code>{score.target}</code> {formatScore(score.score)} ({score.passed}/{score.total})
                      </div>
                    ))}
                  </div>
                ))}
              </div>
              <Table
                caption="Cases side by side"
                rows={cases}
                rowKey={(entry) => entry.case}
                columns={[
                  { key: 'case', header: 'Case', render: (entry) => entry.case },
                  ...columns.map((column) => ({
                    key: `run-${column.index}-${column.target}`,
                    header: (
                      <>
                        Run {column.index + 1}: <code>{column.target}</code>
                      </>
                    ),
                    render: (entry: EvalComparison['cases'][number]) => (
                      <Cell cell={entry.runs[column.index]?.targets[column.target]} />
                    ),
                  })),
                ]}
              />
            </div>
          );
        }}
      </Async>
    </Drawer>
  );
}
