import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Combo } from '../../api/types';
import { Badge } from '../../ui/card';
import { ErrorState, Loading } from '../../ui/states';

interface Availability {
  model: string;
  available: boolean;
  reasons: { code: string; message: string }[];
  targets?: Availability[];
}

/** Which of the combo's targets can serve right now, and why not (`POST /api/models/availability`). */
export function ComboReadiness({ combo }: { combo: Combo }) {
  const [result, setResult] = useState<Availability>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    api
      .post<{ models: Availability[] }>('/api/models/availability', { models: [combo.name] })
      .then((answer) => current && setResult(answer.models[0]))
      .catch((caught: unknown) => current && setError(caught));
    return () => {
      current = false;
    };
  }, [combo]);
  if (error !== undefined) return <ErrorState error={error} title="Readiness unknown" />;
  if (result === undefined) return <Loading label="Checking targets…" />;
  return (
    <section className="readiness" aria-label={`Readiness of ${combo.name}`}>
      <div className="row">
        <strong>{combo.name}</strong>
        <Badge tone={result.available ? 'good' : 'bad'}>{result.available ? 'ready' : 'cannot serve now'}</Badge>
      </div>
      <ul>
        {(result.targets ?? []).map((target, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same model may appear twice; order is the identity here
          <li key={`${index}-${target.model}`}>
            <code>{target.model}</code>{' '}
            <Badge tone={target.available ? 'good' : 'warn'}>{target.available ? 'ready' : 'unavailable'}</Badge>{' '}
            {!target.available && (
              <span className="muted small">{target.reasons.map((reason) => reason.message).join('; ')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
