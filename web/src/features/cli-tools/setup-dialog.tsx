import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Dialog } from '../../ui/overlay';
import { useToast } from '../../ui/toast';
import type { CliTool, SetupResult, ToolStatus } from './cli-tool-types';
import { DiffView } from './diff-view';

/**
 * Points one tool at the gateway: the user pastes a client key (and optionally a model), previews the change as a
 * diff (`dryRun: true`), then writes it; the answer names the backup of the previous file and any notes.
 */
export function SetupDialog({
  tool,
  status,
  onClose,
  onWritten,
}: {
  tool: CliTool;
  status: ToolStatus;
  onClose: () => void;
  onWritten: () => void;
}) {
  const toast = useToast();
  const [key, setKey] = useState('');
  const [model, setModel] = useState('');
  const [preview, setPreview] = useState<SetupResult>();
  const [written, setWritten] = useState<SetupResult>();
  const [busy, setBusy] = useState<'preview' | 'write'>();
  const [keyError, setKeyError] = useState<string>();
  const [error, setError] = useState<unknown>();

  const run = async (dryRun: boolean) => {
    if (key.trim() === '') {
      setKeyError('Paste a client key.');
      return;
    }
    setBusy(dryRun ? 'preview' : 'write');
    setKeyError(undefined);
    setError(undefined);
    try {
      const body = { key: key.trim(), dryRun, ...(model.trim() ? { model: model.trim() } : {}) };
      const result = await api.post<SetupResult>(`/api/cli-tools/${tool.id}/setup`, body);
      if (dryRun) setPreview(result);
      else {
        setWritten(result);
        toast.success(result.written ? `${tool.name} now uses this gateway` : 'Nothing to change');
        onWritten();
      }
    } catch (caught) {
      if (caught instanceof ApiError && caught.param === 'key') setKeyError(caught.message);
      else setError(caught);
    } finally {
      setBusy(undefined);
    }
  };
  // Editing the inputs makes an earlier preview stale: it must be previewed again before writing.
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPreview(undefined);
    setWritten(undefined);
  };

  return (
    <Dialog
      wide
      title={`Set up ${tool.name}`}
      onClose={onClose}
      footer={
        written ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button busy={busy === 'preview'} disabled={busy !== undefined} onClick={() => void run(true)}>
              Preview
            </Button>
            <Button
              variant="primary"
              busy={busy === 'write'}
              disabled={busy !== undefined || preview === undefined || !preview.changed}
              onClick={() => void run(false)}
            >
              Write
            </Button>
          </>
        )
      }
    >
      <div className="stack">
        <p className="muted">
          Writes <code>{status.config.path}</code> so {tool.name} sends its requests to <code>{status.gatewayUrl}</code>
          . Your other settings are kept and the previous file is backed up.
        </p>
        <Field
          label="Client key"
          hint="Keys are stored hashed, so the gateway cannot fill one in for you: paste the key itself (sk-omni-…)."
          error={keyError}
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="off"
              value={key}
              onChange={(event) => edit(setKey)(event.target.value)}
            />
          )}
        </Field>
        <Field label="Model (optional)" hint="e.g. a combo name or provider/model; empty keeps the tool's default">
          {(props) => <input {...props} value={model} onChange={(event) => edit(setModel)(event.target.value)} />}
        </Field>
        {error !== undefined && (
          <div className="notice notice-warn" role="alert">
            {errorMessage(error)}
          </div>
        )}
        {preview && !written && <PreviewPanel result={preview} />}
        {written && <WrittenPanel result={written} />}
      </div>
    </Dialog>
  );
}

function PreviewPanel({ result }: { result: SetupResult }) {
  if (!result.changed) return <div className="notice">{result.file} already says this: nothing to write.</div>;
  return (
    <div className="stack">
      <div className="muted">Changes to {result.file}:</div>
      <DiffView diff={result.diff} />
      <Notes notes={result.notes} />
    </div>
  );
}

function WrittenPanel({ result }: { result: SetupResult }) {
  return (
    <div className="stack">
      <div className="notice" role="status">
        {result.written ? `Wrote ${result.file}.` : `${result.file} already said this: nothing written.`}
        {result.backup && (
          <div>
            Previous file kept as <code>{result.backup}</code>
          </div>
        )}
      </div>
      <Notes notes={result.notes} />
    </div>
  );
}

function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="muted">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
