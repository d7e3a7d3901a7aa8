import { type DragEvent, useState } from 'react';
import type { Connection } from '../../api/types';
import { Button } from '../../ui/button';

export interface TargetDraft {
  /** Client-side identity, so React keeps each row's inputs while rows move. */
  key: number;
  model: string;
  connectionId: string;
  weight: string;
}

/** Moves the item at `from` to `to` (both indexes in the original list). */
export function move<T>(list: T[], from: number, to: number): T[] {
  if (from === to || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * The combo's ordered targets. Rows reorder by HTML5 drag and drop on the handle, or by the ↑/↓ buttons (keyboard);
 * each row picks a model (suggestions: connected models and combos), optionally pins an account, and has a weight.
 */
export function TargetList({
  targets,
  onChange,
  modelOptions,
  connections,
  showWeights,
}: {
  targets: TargetDraft[];
  onChange: (targets: TargetDraft[]) => void;
  modelOptions: string[];
  connections: Connection[];
  showWeights: boolean;
}) {
  const [dragging, setDragging] = useState<number>();
  const [over, setOver] = useState<number>();
  const update = (index: number, patch: Partial<TargetDraft>) =>
    onChange(targets.map((target, at) => (at === index ? { ...target, ...patch } : target)));
  const accountsFor = (model: string) => {
    const provider = model.split('/', 1)[0];
    return connections.filter((connection) => connection.provider === provider);
  };

  const onDrop = (event: DragEvent, index: number) => {
    event.preventDefault();
    if (dragging !== undefined) onChange(move(targets, dragging, index));
    setDragging(undefined);
    setOver(undefined);
  };

  return (
    <ol className="targets" aria-label="Targets in order">
      <datalist id="combo-model-options">
        {modelOptions.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
      {targets.map((target, index) => {
        const accounts = accountsFor(target.model);
        const label = target.model || `target ${index + 1}`;
        return (
          <li
            key={target.key}
            className={`target${over === index && dragging !== index ? ' target-over' : ''}${dragging === index ? ' target-dragging' : ''}`}
            data-testid="combo-target"
            onDragOver={(event) => {
              event.preventDefault();
              setOver(index);
            }}
            onDrop={(event) => onDrop(event, index)}
          >
            <span
              className="drag-handle"
              draggable
              role="img"
              aria-label={`Drag ${label}`}
              title="Drag to reorder"
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', String(index));
                setDragging(index);
              }}
              onDragEnd={() => {
                setDragging(undefined);
                setOver(undefined);
              }}
            >
              ⋮⋮
            </span>
            <span className="target-position">{index + 1}</span>
            <input
              className="target-model"
              aria-label={`Model of target ${index + 1}`}
              list="combo-model-options"
              value={target.model}
              placeholder="provider/model or combo"
              onChange={(event) => update(index, { model: event.target.value, connectionId: '' })}
              required
            />
            <select
              className="target-account"
              aria-label={`Account of target ${index + 1}`}
              value={target.connectionId}
              onChange={(event) => update(index, { connectionId: event.target.value })}
            >
              <option value="">any account</option>
              {accounts.map((connection) => (
                <option key={connection.id} value={connection.id}>
                  {connection.name}
                </option>
              ))}
            </select>
            {showWeights && (
              <input
                className="target-weight"
                aria-label={`Weight of target ${index + 1}`}
                type="number"
                min={0}
                step="any"
                placeholder="1"
                value={target.weight}
                onChange={(event) => update(index, { weight: event.target.value })}
              />
            )}
            <span className="target-buttons">
              <Button
                size="small"
                variant="ghost"
                onClick={() => onChange(move(targets, index, index - 1))}
                disabled={index === 0}
                aria-label={`Move ${label} up`}
              >
                ↑
              </Button>
              <Button
                size="small"
                variant="ghost"
                onClick={() => onChange(move(targets, index, index + 1))}
                disabled={index === targets.length - 1}
                aria-label={`Move ${label} down`}
              >
                ↓
              </Button>
              <Button
                size="small"
                variant="ghost"
                onClick={() => onChange(targets.filter((_, at) => at !== index))}
                disabled={targets.length === 1}
                aria-label={`Remove ${label}`}
              >
                ✕
              </Button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
