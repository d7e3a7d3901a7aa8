import { Badge } from '../../ui/card';
import type { EvalRunView } from './eval-types';

const tones = { running: 'info', finished: 'good', cancelled: 'warn', interrupted: 'bad' } as const;

export function RunStatus({ run }: { run: EvalRunView }) {
  const { done, total } = run.progress;
  return (
    <span className="row eval-status">
      <Badge tone={tones[run.status]}>{run.status}</Badge>
      {run.status === 'running' && (
        <progress value={done} max={total} aria-label={`Progress of run ${run.id}`}>
          {done}/{total}
        </progress>
      )}
      <span className="muted">
        {done}/{total}
      </span>
    </span>
  );
}
