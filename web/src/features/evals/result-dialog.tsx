import { Badge } from '../../ui/card';
import { CodeBlock } from '../../ui/copy-button';
import { formatMs, formatNumber, formatUsd } from '../../ui/format';
import { Dialog } from '../../ui/overlay';
import type { EvalResultView } from './eval-types';

/** One case's answer on one target: why it failed, what the model said, which tools it called. */
export function ResultDialog({ result, onClose }: { result: EvalResultView; onClose: () => void }) {
  return (
    <Dialog wide title={`${result.case} on ${result.target}`} onClose={onClose}>
      <div className="stack">
        <div className="row">
          {result.passed ? <Badge tone="good">pass</Badge> : <Badge tone="bad">fail</Badge>}
          <span className="muted">
            HTTP {result.status} · {formatMs(result.latencyMs)} · {formatNumber(result.inputTokens)} in /{' '}
            {formatNumber(result.outputTokens)} out · {formatUsd(result.costUsd)}
            {result.servedBy ? ` · served by ${result.servedBy}` : ''}
          </span>
        </div>
        {result.reason && <div className="notice notice-warn">{result.reason}</div>}
        <CodeBlock label="Answer" code={result.answer ?? '(no answer)'} />
        {result.toolCalls && result.toolCalls.length > 0 && (
          <CodeBlock label="Tool calls" code={JSON.stringify(result.toolCalls, null, 2)} />
        )}
      </div>
    </Dialog>
  );
}
