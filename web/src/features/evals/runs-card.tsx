import { useState } from 'react';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { formatRelative } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import { type EvalRunView, formatScore } from './eval-types';
import { RunStatus } from './run-status';

/** Recent runs with progress and scores; open one, or tick two to compare them. */
export function RunsCard({
  runs,
  onOpen,
  onCompare,
}: {
  runs: EvalRunView[];
  onOpen: (id: string) => void;
  onCompare: (ids: [string, string]) => void;
}) {
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) =>
    setPicked((current) =>
      current.includes(id) ? current.filter((entry) => entry !== id) : [...current, id].slice(-2),
    );
  const [first, second] = picked;

  return (
    <Card
      title="Runs"
      actions={
        <Button
          disabled={first === undefined || second === undefined}
          onClick={() => first !== undefined && second !== undefined && onCompare([first, second])}
        >
          Compare selected
        </Button>
      }
    >
      <Table
        caption="Eval runs"
        rows={runs}
        rowKey={(run) => run.id}
        empty={<EmptyState title="No runs yet">Pick a suite and its targets above and start one.</EmptyState>}
        columns={[
          {
            key: 'pick',
            header: <span className="visually-hidden">Compare</span>,
            render: (run) => (
              <input
                type="checkbox"
                aria-label={`Select run ${run.id} to compare`}
                checked={picked.includes(run.id)}
                onChange={() => toggle(run.id)}
              />
            ),
          },
          { key: 'suite', header: 'Suite', render: (run) => <code>{run.suite.name}</code> },
          { key: 'status', header: 'Status', render: (run) => <RunStatus run={run} /> },
          {
            key: 'scores',
            header: 'Scores',
            render: (run) => (
              <ul className="eval-scores">
                {run.scores.map((score) => (
                  <li key={score.target}>
                    <code>{score.target}</code> {formatScore(score.score)}
                  </li>
                ))}
              </ul>
            ),
          },
          { key: 'started', header: 'Started', hideOnPhone: true, render: (run) => formatRelative(run.createdAt) },
          {
            key: 'open',
            header: <span className="visually-hidden">Open</span>,
            align: 'right',
            render: (run) => (
              <Button size="small" variant="ghost" onClick={() => onOpen(run.id)} aria-label={`Open run ${run.id}`}>
                Open
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
