import type { StreamPart } from '../../../../core/stream-parts.js';

/** Test helper: joins consecutive deltas of the same kind so expectations read like content, not chunking. */
export function mergeDeltas(parts: StreamPart[]): StreamPart[] {
  const merged: StreamPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last?.type === 'text-delta' && part.type === 'text-delta') last.text += part.text;
    else if (last?.type === 'reasoning-delta' && part.type === 'reasoning-delta') last.text += part.text;
    else if (last?.type === 'tool-input-delta' && part.type === 'tool-input-delta' && last.id === part.id) {
      last.delta += part.delta;
    } else merged.push({ ...part });
  }
  return merged;
}
