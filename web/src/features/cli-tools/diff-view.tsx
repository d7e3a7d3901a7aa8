/** A unified diff (one block per line, so no newline characters are needed), monospace, with added lines green and removed lines red (file headers stay plain). */
export function DiffView({ diff }: { diff: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <figure className="cli-diff-figure" aria-label="Diff">
      <pre className="cli-diff">
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text, never reordered
          <span key={index} className={`cli-diff-line ${lineClass(line)}`}>
            {line}
          </span>
        ))}
      </pre>
    </figure>
  );
}

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'cli-diff-file';
  if (line.startsWith('@@')) return 'cli-diff-hunk';
  if (line.startsWith('+')) return 'cli-diff-add';
  if (line.startsWith('-')) return 'cli-diff-del';
  return '';
}
