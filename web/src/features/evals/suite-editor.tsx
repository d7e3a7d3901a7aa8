import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Dialog } from '../../ui/overlay';
import { useToast } from '../../ui/toast';

const example = {
  name: 'my-suite',
  description: 'What this suite checks',
  cases: [
    { name: 'capital', prompt: 'What is the capital of France?', checks: [{ type: 'contains', value: 'Paris' }] },
  ],
};

/**
 * Creates (no `suiteId`) or replaces a suite, edited as JSON: the API validates it and names the bad field
 * (`cases.0.checks`), which is shown under the text area.
 */
export function SuiteEditor({
  suiteId,
  initial,
  onClose,
  onSaved,
}: {
  suiteId?: string;
  initial?: unknown;
  onClose: () => void;
  onSaved: () => void;
}) {
  const toast = useToast();
  const [text, setText] = useState(() => JSON.stringify(initial ?? example, null, 2));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    let suite: unknown;
    try {
      suite = JSON.parse(text);
    } catch (caught) {
      setError(`Not valid JSON: ${caught instanceof Error ? caught.message : String(caught)}`);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      if (suiteId === undefined) await api.post('/api/evals', { action: 'create', suite });
      else await api.put(`/api/evals/${encodeURIComponent(suiteId)}`, suite);
      toast.success('Suite saved');
      onSaved();
    } catch (caught) {
      setError(caught instanceof ApiError || caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      wide
      title={suiteId === undefined ? 'New eval suite' : 'Edit eval suite'}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} onClick={() => void save()}>
            Save suite
          </Button>
        </>
      }
    >
      <Field
        label="Suite JSON"
        hint="name, description, cases: each a prompt (or messages) and its checks (see README, Evals)"
        error={error}
      >
        {(props) => (
          <textarea
            {...props}
            className="eval-json"
            rows={18}
            spellCheck={false}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
    </Dialog>
  );
}
