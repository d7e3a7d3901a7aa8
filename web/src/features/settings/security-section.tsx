import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field, Switch } from '../../ui/field';
import { type AppSettings, errorFor, useSave } from './use-settings';

type IpFilter = AppSettings['ipFilter'];

/** Password change, whether the dashboard needs a login, and the client-route IP filter. */
export function SecuritySection({ settings, reload }: { settings: AppSettings; reload: () => void }) {
  return (
    <>
      <PasswordCard />
      <RequireLoginCard requireLogin={settings.requireLogin} reload={reload} />
      <IpFilterCard filter={settings.ipFilter} reload={reload} />
    </>
  );
}

function PasswordCard() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const save = useSave();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await save.run(
      () => api.patch('/api/settings', { currentPassword, newPassword }),
      'Password changed. Other sessions were logged out.',
    );
    if (done) {
      setCurrent('');
      setNew('');
    }
  };
  return (
    <Card title="Dashboard password">
      <form onSubmit={submit} className="form-grid">
        <Field label="Current password" error={errorFor(save, 'currentPassword')}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(event) => setCurrent(event.target.value)}
            />
          )}
        </Field>
        <Field label="New password" hint="At least 8 characters." error={errorFor(save, 'newPassword')}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(event) => setNew(event.target.value)}
            />
          )}
        </Field>
        <div>
          <Button
            type="submit"
            variant="primary"
            busy={save.busy}
            disabled={currentPassword === '' || newPassword === ''}
          >
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}

function RequireLoginCard({ requireLogin, reload }: { requireLogin: boolean; reload: () => void }) {
  const save = useSave();
  const change = (next: boolean) =>
    void save.run(
      async () => {
        await api.put('/api/settings/require-login', { requireLogin: next });
        reload();
      },
      next ? 'Login is required again.' : 'Login is no longer required from this machine.',
    );
  return (
    <Card title="Login">
      <div className="setting-switch">
        <Switch checked={requireLogin} onChange={change} label="Require login" disabled={save.busy} />
        <span>
          <strong>Require login</strong>
          <span className="muted small">
            {' '}
            When off, the dashboard and management API open without a password, but only from this machine (loopback).
          </span>
        </span>
      </div>
    </Card>
  );
}

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);

function IpFilterCard({ filter, reload }: { filter: IpFilter; reload: () => void }) {
  const [mode, setMode] = useState(filter.mode);
  const [allowlist, setAllowlist] = useState(filter.allowlist.join('\n'));
  const [blocklist, setBlocklist] = useState(filter.blocklist.join('\n'));
  useEffect(() => {
    setMode(filter.mode);
    setAllowlist(filter.allowlist.join('\n'));
    setBlocklist(filter.blocklist.join('\n'));
  }, [filter]);
  const save = useSave();
  const submit = () =>
    void save.run(async () => {
      await api.put('/api/settings/ip-filter', { mode, allowlist: lines(allowlist), blocklist: lines(blocklist) });
      reload();
    }, 'IP filter saved.');
  return (
    <Card title="IP filter (client routes)">
      <Field label="Mode" error={errorFor(save, 'mode')}>
        {(props) => (
          <select {...props} value={mode} onChange={(event) => setMode(event.target.value as IpFilter['mode'])}>
            <option value="off">Off: every address may call</option>
            <option value="allowlist">Allowlist: only these addresses</option>
            <option value="blocklist">Blocklist: everyone but these</option>
          </select>
        )}
      </Field>
      <div className="form-grid">
        <Field label="Allowlist" hint="One IP or CIDR per line." error={errorFor(save, 'allowlist')}>
          {(props) => (
            <textarea {...props} rows={4} value={allowlist} onChange={(event) => setAllowlist(event.target.value)} />
          )}
        </Field>
        <Field label="Blocklist" hint="One IP or CIDR per line." error={errorFor(save, 'blocklist')}>
          {(props) => (
            <textarea {...props} rows={4} value={blocklist} onChange={(event) => setBlocklist(event.target.value)} />
          )}
        </Field>
      </div>
      <Button variant="primary" busy={save.busy} onClick={submit}>
        Save IP filter
      </Button>
    </Card>
  );
}
