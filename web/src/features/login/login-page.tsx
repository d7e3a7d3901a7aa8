import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field } from '../../ui/field';

/** The password form; a wrong password or a throttled IP shows the server's message under the field. */
export default function LoginPage() {
  const { refresh, init } = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/auth/login', { password }, { allowUnauthenticated: true });
      await refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="standalone">
      <div className="brand" style={{ marginBottom: 16 }}>
        <span className="brand-mark" aria-hidden="true" />
        OmniRoute
      </div>
      <Card title="Log in">
        <form onSubmit={submit}>
          <Field label="Password" error={error}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                required
              />
            )}
          </Field>
          <div className="row">
            <Button type="submit" variant="primary" busy={busy} disabled={password === ''}>
              Log in
            </Button>
            {init?.requireLogin === false && (
              <Button variant="ghost" onClick={() => void refresh()}>
                Continue without password (this machine)
              </Button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}
