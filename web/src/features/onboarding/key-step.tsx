import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { CreatedApiKey } from '../../api/types';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { useToast } from '../../ui/toast';
import { KeyReveal } from '../keys/key-reveal';

/** Create the first client key; it is shown once with a copy button. */
export function KeyStep({ onDone }: { onDone: (key: string) => void }) {
  const toast = useToast();
  const [name, setName] = useState('my-first-key');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setCreated(await api.post<CreatedApiKey>('/api/keys', { name: name.trim() }));
    } catch (caught) {
      toast.error(caught);
    } finally {
      setBusy(false);
    }
  };

  if (created)
    return (
      <div className="stack">
        <KeyReveal created={created} />
        <div>
          <Button variant="primary" onClick={() => onDone(created.key)}>
            Next: use it
          </Button>
        </div>
      </div>
    );
  return (
    <form onSubmit={submit}>
      <p className="muted">
        Your AI clients send this key to OmniRoute. It can be limited later (models, rates, budgets).
      </p>
      <Field label="Key name">
        {(props) => (
          <input {...props} value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} />
        )}
      </Field>
      <Button type="submit" variant="primary" busy={busy}>
        Create key
      </Button>
    </form>
  );
}
