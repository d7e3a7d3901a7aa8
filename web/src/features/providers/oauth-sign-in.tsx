import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import type { Connection } from '../../api/types';
import { Button } from '../../ui/button';
import { Tabs } from '../../ui/card';
import { CopyButton } from '../../ui/copy-button';
import { Field } from '../../ui/field';

/** How each subscription provider signs in (README, "Subscription accounts (OAuth)"); every one can import tokens. */
const deviceFlow = new Set(['github-copilot', 'gh', 'qwen-code', 'qw']);

interface DeviceStart {
  flowId: string;
  userCode: string;
  verificationUri: string;
  interval?: number;
}
type Flow = 'sign-in' | 'import';

/**
 * Signs a subscription account in instead of the API-key form: PKCE (open the authorize URL, paste back the URL the
 * browser landed on), device code (show the code, poll until entered) or an import of the CLI's tokens JSON. Signing in
 * again to a connected account updates it: that is how an expired account is reconnected.
 */
export function OAuthSignIn({
  provider,
  name,
  onConnected,
  onCancel,
}: {
  provider: string;
  name?: string;
  onConnected: (connection: Connection) => void;
  onCancel: () => void;
}) {
  const [flow, setFlow] = useState<Flow>('sign-in');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [authorize, setAuthorize] = useState<{ authorizeUrl: string; state: string }>();
  const [callback, setCallback] = useState('');
  const [device, setDevice] = useState<DeviceStart>();
  const [tokens, setTokens] = useState('');
  const path = (action: string) => `/api/oauth/${encodeURIComponent(provider)}/${action}`;
  const extra = name ? { name } : {};

  const attempt = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof ApiError || caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  const startPkce = () =>
    attempt(async () => {
      const started = await api.post<{ authorizeUrl: string; state: string }>(path('authorize'), extra);
      setAuthorize(started);
      window.open(started.authorizeUrl, '_blank', 'noopener');
    });
  const exchange = () =>
    attempt(async () => {
      const value = callback.trim();
      // Claude shows `code#state` instead of redirecting: it goes in as the code.
      const body = /^https?:\/\//.test(value) ? { callbackUrl: value } : { code: value, state: authorize?.state };
      onConnected(await api.post<Connection>(path('exchange'), body));
    });
  const startDevice = () => attempt(async () => setDevice(await api.post<DeviceStart>(path('device-code'), extra)));
  const importTokens = () =>
    attempt(async () => {
      const text = tokens.trim();
      let document: unknown = text;
      if (text.startsWith('{')) {
        try {
          document = JSON.parse(text);
        } catch {
          throw new Error('The tokens are not valid JSON.');
        }
      }
      onConnected(await api.post<Connection>(path('import'), { ...extra, tokens: document }));
    });

  // Device code: poll at the provider's interval until the user entered the code (202 pending until then).
  // biome-ignore lint/correctness/useExhaustiveDependencies: one polling loop per started device flow
  useEffect(() => {
    if (!device) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const answer = await api.post<Connection | { status: 'pending'; interval?: number }>(path('poll'), {
          flowId: device.flowId,
        });
        if (stopped) return;
        if (answer.status !== 'pending') onConnected(answer as Connection);
        else timer = setTimeout(() => void poll(), ('interval' in answer ? (answer.interval ?? 5) : 5) * 1000);
      } catch (caught) {
        if (!stopped) setError(caught instanceof Error ? caught.message : String(caught));
      }
    };
    timer = setTimeout(() => void poll(), (device.interval ?? 5) * 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [device]);

  const isDevice = deviceFlow.has(provider);
  return (
    <div className="stack">
      <Tabs
        label="Sign-in method"
        value={flow}
        onChange={setFlow}
        tabs={[
          { id: 'sign-in', label: isDevice ? 'Device code' : 'Sign in' },
          { id: 'import', label: 'Import tokens' },
        ]}
      />
      {flow === 'sign-in' && !isDevice && (
        <>
          <p className="muted">
            Sign in in the new tab. If it ends on a page that does not load (or shows a code), copy its address (or the
            code) here.
          </p>
          <Button variant="primary" busy={busy && !authorize} onClick={() => void startPkce()}>
            {authorize ? 'Open the sign-in page again' : 'Open the sign-in page'}
          </Button>
          {authorize && (
            <>
              <a href={authorize.authorizeUrl} target="_blank" rel="noreferrer">
                Sign-in page
              </a>
              <Field label="Callback URL or code">
                {(props) => <input {...props} value={callback} onChange={(event) => setCallback(event.target.value)} />}
              </Field>
              <Button variant="primary" busy={busy} disabled={!callback.trim()} onClick={() => void exchange()}>
                Finish sign-in
              </Button>
            </>
          )}
        </>
      )}
      {flow === 'sign-in' && isDevice && !device && (
        <Button variant="primary" busy={busy} onClick={() => void startDevice()}>
          Get a sign-in code
        </Button>
      )}
      {flow === 'sign-in' && isDevice && device && (
        <div className="stack">
          <p>
            Open{' '}
            <a href={device.verificationUri} target="_blank" rel="noreferrer">
              {device.verificationUri}
            </a>{' '}
            and enter this code:
          </p>
          <div className="row">
            <strong className="oauth-user-code" data-testid="oauth-user-code">
              {device.userCode}
            </strong>
            <CopyButton text={device.userCode} label="Copy the code" />
          </div>
          <p className="muted">Waiting for you to enter it…</p>
        </div>
      )}
      {flow === 'import' && (
        <>
          <Field label="Tokens" hint="the CLI's credentials JSON (e.g. ~/.claude/.credentials.json) or a refresh token">
            {(props) => (
              <textarea {...props} rows={8} value={tokens} onChange={(event) => setTokens(event.target.value)} />
            )}
          </Field>
          <Button variant="primary" busy={busy} disabled={!tokens.trim()} onClick={() => void importTokens()}>
            Import
          </Button>
        </>
      )}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <div className="row">
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </div>
  );
}
