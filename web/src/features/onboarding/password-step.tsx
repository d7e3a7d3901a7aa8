import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';

/** First run without INITIAL_PASSWORD: choose the dashboard password (the server logs this browser in). */
export function PasswordStep({ onDone }: { onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const mismatch = confirm !== '' && confirm !== password;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/auth/setup', { password }, { allowUnauthenticated: true });
      onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit}>
      <p className="muted">
        Choose the password that protects this dashboard and the management API. It is stored as a scrypt hash.
      </p>
      <Field label="New password" hint="At least 8 characters." error={error}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            minLength={8}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        )}
      </Field>
      <Field label="Repeat password" error={mismatch ? 'The passwords differ.' : undefined}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
            required
          />
        )}
      </Field>
      <Button type="submit" variant="primary" busy={busy} disabled={password.length < 8 || mismatch || confirm === ''}>
        Set password
      </Button>
    </form>
  );
}
