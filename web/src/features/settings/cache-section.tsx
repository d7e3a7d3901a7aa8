import { useEffect, useState } from 'react';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Switch } from '../../ui/field';
import { EmptyState } from '../../ui/states';
import { NumberInput } from './number-input';
import { type AppSettings, errorFor, type SaveSettings, useSave } from './use-settings';

type CacheSettings = NonNullable<AppSettings['cache']>;

/** Response cache and idempotency settings (statistics and clearing are on the Health page). */
export function CacheSection({ settings, patch }: { settings: AppSettings; patch: SaveSettings }) {
  if (settings.cache === undefined) return <EmptyState title="This gateway has no response cache" />;
  return <CacheForm initial={settings.cache} patch={patch} />;
}

function CacheForm({ initial, patch }: { initial: CacheSettings; patch: SaveSettings }) {
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(initial), [initial]);
  const save = useSave();
  const number = (
    label: string,
    field: 'ttlSeconds' | 'maxEntries' | 'maxBytes' | 'idempotencyWindowMs',
    hint?: string,
  ) => (
    <NumberInput
      label={label}
      hint={hint}
      value={value[field]}
      onChange={(next) => setValue({ ...value, [field]: next as number })}
      error={errorFor(save, field)}
    />
  );
  return (
    <Card title="Response cache">
      <div className="setting-switch">
        <Switch
          checked={value.enabled}
          onChange={(enabled) => setValue({ ...value, enabled })}
          label="Cache identical requests"
        />
        <span>
          <strong>Cache identical requests</strong>
          <span className="muted small"> Answers to the same non-streaming request are reused until they expire.</span>
        </span>
      </div>
      <div className="setting-switch">
        <Switch
          checked={value.persist}
          onChange={(persist) => setValue({ ...value, persist })}
          label="Keep the cache across restarts"
        />
        <span>
          <strong>Keep across restarts</strong>
          <span className="muted small"> Store cached answers in the database.</span>
        </span>
      </div>
      <div className="form-grid">
        {number('Time to live (seconds)', 'ttlSeconds')}
        {number('Max entries', 'maxEntries')}
        {number('Max size (bytes)', 'maxBytes')}
        {number('Idempotency window (ms)', 'idempotencyWindowMs', 'Duplicate requests within it share one answer.')}
      </div>
      <Button
        variant="primary"
        busy={save.busy}
        onClick={() => void save.run(() => patch({ cache: value }), 'Cache settings saved.')}
      >
        Save cache settings
      </Button>
    </Card>
  );
}
