import { useEffect, useState } from 'react';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Switch } from '../../ui/field';
import { NumberInput } from './number-input';
import { type AppSettings, errorFor, type SaveSettings, useSave } from './use-settings';

/** Request logging (detailed bodies, retention), audit-log retention and the SSRF guard switch. */
export function GeneralSection({ settings, patch }: { settings: AppSettings; patch: SaveSettings }) {
  const [logs, setLogs] = useState(settings.requestLogs);
  const [audit, setAudit] = useState(settings.auditLog);
  const [allowPrivate, setAllowPrivate] = useState(settings.allowPrivateBaseUrls);
  useEffect(() => {
    setLogs(settings.requestLogs);
    setAudit(settings.auditLog);
    setAllowPrivate(settings.allowPrivateBaseUrls);
  }, [settings]);
  const save = useSave();
  return (
    <Card title="Request logging">
      <div className="setting-switch">
        <Switch
          checked={logs.detailed}
          onChange={(detailed) => setLogs({ ...logs, detailed })}
          label="Detailed request logging"
        />
        <span>
          <strong>Detailed logging</strong>
          <span className="muted small"> Store request and response bodies (shown in the request log drawer).</span>
        </span>
      </div>
      <div className="form-grid">
        <NumberInput
          label="Body size limit (bytes)"
          value={logs.maxBodyBytes}
          onChange={(maxBodyBytes) => setLogs({ ...logs, maxBodyBytes: maxBodyBytes as number })}
          error={errorFor(save, 'maxBodyBytes')}
        />
        <NumberInput
          label="Keep logs (days)"
          value={logs.retentionDays}
          onChange={(retentionDays) => setLogs({ ...logs, retentionDays: retentionDays as number })}
          error={errorFor(save, 'requestLogs.retentionDays')}
        />
        <NumberInput
          label="Keep audit log (days)"
          value={audit.retentionDays}
          onChange={(retentionDays) => setAudit({ retentionDays: retentionDays as number })}
          error={errorFor(save, 'auditLog.retentionDays')}
        />
      </div>
      <div className="setting-switch">
        <Switch checked={allowPrivate} onChange={setAllowPrivate} label="Allow private base URLs" />
        <span>
          <strong>Allow private base URLs</strong>
          <span className="muted small">
            {' '}
            Let providers point at local or private addresses (needed for Ollama on this machine).
          </span>
        </span>
      </div>
      <Button
        variant="primary"
        busy={save.busy}
        onClick={() =>
          void save.run(
            () => patch({ requestLogs: logs, auditLog: audit, allowPrivateBaseUrls: allowPrivate }),
            'General settings saved.',
          )
        }
      >
        Save
      </Button>
    </Card>
  );
}
