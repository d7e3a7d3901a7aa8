/** A compact time for dense tables: `14:03:22` today, `Nov 24 14:03` before (the full date is in the title). */
export function shortTime(value: number, now = new Date()): string {
  const date = new Date(value);
  if (date.toDateString() === now.toDateString()) {
    return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }
  return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
}
