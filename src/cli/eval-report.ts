/** The parts of `GET /api/evals/:id` the command reads. */
export interface RunView {
  status: string;
  progress: { done: number; total: number };
  scores: Array<{
    target: string;
    score: number;
    passed: number;
    failed: number;
    total: number;
    avgLatencyMs: number | null;
    costUsd: number;
  }>;
  results?: Array<{ case: string; target: string; passed: boolean; reason: string | null }>;
}

const barWidth = 30;

/** `[#########.........] 12/40` on a terminal, `12/40 cases done` in logs (CI). */
export function renderEvalProgress(done: number, total: number, tty: boolean): string {
  if (!tty) return `${done}/${total} cases done`;
  const filled = total === 0 ? barWidth : Math.round((done / total) * barWidth);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${done}/${total}`;
}

/** The scores as a table, one row per target, then the failed cases (at most 20) with their reasons. */
export function renderEvalSummary(run: RunView, threshold: number): string {
  const header = ['target', 'score', 'passed', 'failed', 'avg latency', 'cost', ''];
  const rows = run.scores.map((score) => [
    score.target,
    `${(score.score * 100).toFixed(1)}%`,
    `${score.passed}/${score.total}`,
    String(score.failed),
    score.avgLatencyMs === null ? '-' : `${score.avgLatencyMs} ms`,
    `$${score.costUsd.toFixed(6)}`,
    score.score >= threshold ? 'ok' : `below ${(threshold * 100).toFixed(0)}%`,
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const lines = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
  const failures = (run.results ?? []).filter((result) => !result.passed);
  if (failures.length > 0) {
    lines.push('', 'Failed cases:');
    for (const failure of failures.slice(0, 20)) {
      lines.push(`  ${failure.target} / ${failure.case}: ${failure.reason ?? 'failed'}`);
    }
    if (failures.length > 20) lines.push(`  … and ${failures.length - 20} more (GET /api/evals/<run id>)`);
  }
  return lines.join('\n');
}
