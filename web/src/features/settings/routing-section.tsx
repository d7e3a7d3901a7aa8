import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field } from '../../ui/field';
import { Async } from '../../ui/states';
import { NumberInput } from './number-input';
import { errorFor, useSave } from './use-settings';

interface ResilienceSettings {
  routing: { accountStrategy: string; stickyLimit: number; sessionTtlMs: number };
  cooldown: { baseMs: number; maxMs: number };
  breaker: { failureThreshold: number; resetMs: number };
  lockout: { threshold: number; durationMs: number };
  queue: { maxConcurrent: number; maxQueue: number; queueTimeoutMs: number };
  shortWaitMaxMs: number;
}

const strategies = {
  'fill-first': 'Fill first: the top account until it fails or cools down',
  'round-robin': 'Round robin: take turns',
  'least-used': 'Least used: the account with the fewest requests',
  random: 'Random',
};

/** How accounts share load, and the resilience thresholds (`GET/PATCH /api/resilience`). */
export function RoutingSection() {
  const resilience = useApi<{ settings: ResilienceSettings }>('/api/resilience');
  return (
    <Async state={resilience}>{({ settings }) => <RoutingForm initial={settings} onSaved={resilience.reload} />}</Async>
  );
}

function RoutingForm({ initial, onSaved }: { initial: ResilienceSettings; onSaved: () => void }) {
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(initial), [initial]);
  const save = useSave();
  const set = <Section extends keyof ResilienceSettings>(
    section: Section,
    patch: Partial<ResilienceSettings[Section]>,
  ) => setValue((current) => ({ ...current, [section]: { ...(current[section] as object), ...patch } }));
  const submit = () =>
    void save.run(async () => {
      await api.patch('/api/resilience', value);
      onSaved();
    }, 'Routing settings saved.');
  const number = (label: string, current: number, onChange: (next: number) => void, param: string, hint?: string) => (
    <NumberInput
      label={label}
      value={current}
      hint={hint}
      onChange={(next) => onChange(next as number)}
      error={errorFor(save, param)}
    />
  );
  return (
    <>
      <Card title="Accounts">
        <Field label="Account strategy" error={errorFor(save, 'accountStrategy')}>
          {(props) => (
            <select
              {...props}
              value={value.routing.accountStrategy}
              onChange={(event) => set('routing', { accountStrategy: event.target.value })}
            >
              {Object.entries(strategies).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-grid">
          {number(
            'Sticky limit (requests)',
            value.routing.stickyLimit,
            (stickyLimit) => set('routing', { stickyLimit }),
            'stickyLimit',
            'Round robin: requests per turn.',
          )}
          {number(
            'Session pin (ms)',
            value.routing.sessionTtlMs,
            (sessionTtlMs) => set('routing', { sessionTtlMs }),
            'sessionTtlMs',
          )}
        </div>
      </Card>
      <Card title="Resilience thresholds">
        <div className="form-grid">
          {number('Cooldown base (ms)', value.cooldown.baseMs, (baseMs) => set('cooldown', { baseMs }), 'baseMs')}
          {number('Cooldown max (ms)', value.cooldown.maxMs, (maxMs) => set('cooldown', { maxMs }), 'maxMs')}
          {number(
            'Breaker: failures to open',
            value.breaker.failureThreshold,
            (failureThreshold) => set('breaker', { failureThreshold }),
            'failureThreshold',
          )}
          {number(
            'Breaker: reset after (ms)',
            value.breaker.resetMs,
            (resetMs) => set('breaker', { resetMs }),
            'resetMs',
          )}
          {number(
            'Model lockout: failures',
            value.lockout.threshold,
            (threshold) => set('lockout', { threshold }),
            'threshold',
          )}
          {number(
            'Model lockout: duration (ms)',
            value.lockout.durationMs,
            (durationMs) => set('lockout', { durationMs }),
            'durationMs',
          )}
          {number(
            'Queue: concurrent per account',
            value.queue.maxConcurrent,
            (maxConcurrent) => set('queue', { maxConcurrent }),
            'maxConcurrent',
            '0: no limit.',
          )}
          {number('Queue: max waiting', value.queue.maxQueue, (maxQueue) => set('queue', { maxQueue }), 'maxQueue')}
          {number(
            'Queue: wait timeout (ms)',
            value.queue.queueTimeoutMs,
            (queueTimeoutMs) => set('queue', { queueTimeoutMs }),
            'queueTimeoutMs',
          )}
          {number(
            'Short wait max (ms)',
            value.shortWaitMaxMs,
            (shortWaitMaxMs) => setValue({ ...value, shortWaitMaxMs }),
            'shortWaitMaxMs',
            'Wait this long for a cooling account instead of failing.',
          )}
        </div>
        <Button variant="primary" busy={save.busy} onClick={submit}>
          Save routing
        </Button>
      </Card>
    </>
  );
}
