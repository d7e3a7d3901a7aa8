import { useRef, useState } from 'react';
import { api, toApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge, Card } from '../../ui/card';
import { formatBytes, formatTime } from '../../ui/format';
import { ConfirmDialog } from '../../ui/overlay';
import { Async, EmptyState } from '../../ui/states';
import { Table } from '../../ui/table';
import { useToast } from '../../ui/toast';
import { NumberInput } from './number-input';
import { type AppSettings, errorFor, type SaveSettings, useSave } from './use-settings';

interface BackupList {
  backups: Array<{ name: string; size: number; created: string; reason: string }>;
  retention: number;
  autoIntervalMinutes: number;
  maxImportMb: number;
}

/** Database backups: list, take one now, restore one, export and import the database, download everything. */
export function BackupsSection({ settings, patch }: { settings: AppSettings; patch: SaveSettings }) {
  const list = useApi<BackupList>('/api/db-backups');
  const toast = useToast();
  const create = useSave();
  const [restoring, setRestoring] = useState<string>();
  const [busy, setBusy] = useState(false);
  const restore = async (name: string) => {
    setBusy(true);
    try {
      await api.post('/api/db-backups', { name });
      toast.success(`Restoring ${name}. The gateway restarts; log in again if asked.`);
      setRestoring(undefined);
      await waitForRestart();
      list.reload();
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Card
        title="Backups"
        actions={
          <>
            <Button
              variant="primary"
              busy={create.busy}
              onClick={() =>
                void create.run(async () => {
                  await api.put('/api/db-backups', {});
                  list.reload();
                }, 'Backup created.')
              }
            >
              Back up now
            </Button>
            <a className="button button-secondary" href="/api/db-backups/export" download>
              Export database (.sqlite)
            </a>
            <a className="button button-secondary" href="/api/db-backups/exportAll" download>
              Download full archive (.tar.gz)
            </a>
          </>
        }
      >
        <Async state={list}>
          {(data) => (
            <Table
              caption="Backups"
              rows={data.backups}
              rowKey={(row) => row.name}
              pageSize={10}
              empty={
                <EmptyState title="No backups yet">
                  Automatic backups are taken when the database changes; or back up now.
                </EmptyState>
              }
              columns={[
                { key: 'created', header: 'Taken', render: (row) => formatTime(row.created) },
                {
                  key: 'reason',
                  header: 'Why',
                  render: (row) => <Badge tone={row.reason === 'manual' ? 'info' : 'neutral'}>{row.reason}</Badge>,
                },
                {
                  key: 'size',
                  header: 'Size',
                  align: 'right',
                  render: (row) => formatBytes(row.size),
                  hideOnPhone: true,
                },
                {
                  key: 'name',
                  header: 'File',
                  render: (row) => <code className="small">{row.name}</code>,
                  hideOnPhone: true,
                },
                {
                  key: 'restore',
                  header: '',
                  render: (row) => (
                    <Button size="small" onClick={() => setRestoring(row.name)}>
                      Restore
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </Async>
      </Card>
      <ImportCard onImported={list.reload} />
      <BackupSettingsCard settings={settings} patch={patch} />
      {restoring && (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore"
          busy={busy}
          onCancel={() => setRestoring(undefined)}
          onConfirm={() => void restore(restoring)}
        >
          <p>
            The database is replaced by <code>{restoring}</code> and the gateway restarts. A safety backup of the
            current database is taken first.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function ImportCard({ onImported }: { onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const upload = async () => {
    if (file === undefined) return;
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file);
      // Multipart, so not through the JSON client; the error policy is the same.
      const response = await fetch('/api/db-backups/import', {
        method: 'POST',
        body: form,
        credentials: 'same-origin',
      });
      if (!response.ok) throw await toApiError(response);
      toast.success('Database imported. The gateway restarts; log in again if asked.');
      setFile(undefined);
      if (input.current) input.current.value = '';
      await waitForRestart();
      onImported();
    } catch (error) {
      toast.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="Import a database">
      <p className="muted">
        Replace the whole database with an exported .sqlite file (a safety backup is taken first).
      </p>
      <div className="row">
        <input
          ref={input}
          type="file"
          accept=".sqlite,application/octet-stream"
          aria-label="Database file"
          onChange={(event) => setFile(event.target.files?.[0])}
        />
        <Button variant="danger" disabled={file === undefined} busy={busy} onClick={() => void upload()}>
          Import
        </Button>
      </div>
    </Card>
  );
}

function BackupSettingsCard({ settings, patch }: { settings: AppSettings; patch: SaveSettings }) {
  const [value, setValue] = useState(settings.backups);
  const save = useSave();
  return (
    <Card title="Automatic backups">
      <div className="form-grid">
        <NumberInput
          label="Keep (backups)"
          value={value.retention}
          onChange={(retention) => setValue({ ...value, retention: retention as number })}
          error={errorFor(save, 'retention')}
        />
        <NumberInput
          label="At most every (minutes)"
          hint="0 turns automatic backups off."
          value={value.autoIntervalMinutes}
          onChange={(autoIntervalMinutes) => setValue({ ...value, autoIntervalMinutes: autoIntervalMinutes as number })}
          error={errorFor(save, 'autoIntervalMinutes')}
        />
        <NumberInput
          label="Import limit (MB)"
          value={value.maxImportMb}
          onChange={(maxImportMb) => setValue({ ...value, maxImportMb: maxImportMb as number })}
          error={errorFor(save, 'maxImportMb')}
        />
      </div>
      <Button
        variant="primary"
        busy={save.busy}
        onClick={() => void save.run(() => patch({ backups: value }), 'Backup settings saved.')}
      >
        Save
      </Button>
    </Card>
  );
}

/** After a restore or import the server restarts in place: wait until it answers again (at most ~20 s). */
async function waitForRestart(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const response = await fetch('/api/init', { credentials: 'same-origin' });
      if (response.ok) return;
    } catch {
      // Still restarting.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
