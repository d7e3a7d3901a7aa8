import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Button } from '../../ui/button';
import { Badge, Card } from '../../ui/card';
import { Field } from '../../ui/field';
import { formatMs } from '../../ui/format';
import { Async } from '../../ui/states';
import { errorFor, useSave } from './use-settings';

interface ProxyView {
  url: string | null;
  noProxy: string[];
  source: string;
  environment: { httpProxy: string | null; httpsProxy: string | null; noProxy: string | null };
}

interface ProxyTest {
  ok: boolean;
  status?: number;
  latencyMs?: number;
  target?: string;
  proxy?: string | null;
  error?: string;
  message?: string;
}

/** The global upstream proxy (HTTP, HTTPS or SOCKS5), with a test that calls out through it. */
export function ProxySection() {
  const proxy = useApi<ProxyView>('/api/settings/proxy');
  return <Async state={proxy}>{(view) => <ProxyForm view={view} onSaved={proxy.reload} />}</Async>;
}

function ProxyForm({ view, onSaved }: { view: ProxyView; onSaved: () => void }) {
  const [url, setUrl] = useState(view.url ?? '');
  const [noProxy, setNoProxy] = useState(view.noProxy.join('\n'));
  const [testUrl, setTestUrl] = useState('');
  const [result, setResult] = useState<ProxyTest>();
  useEffect(() => {
    setUrl(view.url ?? '');
    setNoProxy(view.noProxy.join('\n'));
  }, [view]);
  const save = useSave();
  const test = useSave();
  const noProxyList = noProxy
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    <Card title="Upstream proxy">
      <p className="muted">
        Every upstream call goes through this proxy unless an account sets its own. Currently:{' '}
        <strong>{view.source === 'none' ? 'no proxy' : view.source}</strong>
        {view.environment.httpsProxy && ` (HTTPS_PROXY=${view.environment.httpsProxy})`}.
      </p>
      <Field
        label="Proxy URL"
        hint="http://, https:// or socks5:// with optional user:password@. Empty: no proxy."
        error={errorFor(save, 'url')}
      >
        {(props) => (
          <input
            {...props}
            value={url}
            placeholder="socks5://127.0.0.1:1080"
            onChange={(event) => setUrl(event.target.value)}
          />
        )}
      </Field>
      <Field label="Bypass for hosts" hint="One host or domain per line." error={errorFor(save, 'noProxy')}>
        {(props) => (
          <textarea {...props} rows={3} value={noProxy} onChange={(event) => setNoProxy(event.target.value)} />
        )}
      </Field>
      <div className="row">
        <Button
          variant="primary"
          busy={save.busy}
          onClick={() =>
            void save.run(async () => {
              await api.put('/api/settings/proxy', {
                url: url.trim() === '' ? null : url.trim(),
                noProxy: noProxyList,
              });
              onSaved();
            }, 'Proxy saved.')
          }
        >
          Save proxy
        </Button>
      </div>
      <h3 className="section-title">Test</h3>
      <div className="form-grid">
        <Field label="Test URL" hint="Empty: the first connected provider's base URL." error={errorFor(test, 'url')}>
          {(props) => (
            <input
              {...props}
              value={testUrl}
              placeholder="https://api.openai.com/v1"
              onChange={(event) => setTestUrl(event.target.value)}
            />
          )}
        </Field>
      </div>
      <Button
        busy={test.busy}
        onClick={() =>
          void test.run(async () => {
            // The proxy in the box is tested, saved or not, so a typo shows before it breaks every call.
            const body = { url: testUrl.trim() || undefined, proxyUrl: url.trim() || undefined };
            setResult(await api.post<ProxyTest>('/api/settings/proxy/test', body));
          }, 'Proxy test finished.')
        }
      >
        Test proxy
      </Button>
      {result && (
        <div className="proxy-result" data-testid="proxy-test-result">
          <Badge tone={result.ok ? 'good' : 'bad'}>{result.ok ? 'reachable' : 'failed'}</Badge>{' '}
          {result.target && <code>{result.target}</code>} {result.status !== undefined && `HTTP ${result.status}`}{' '}
          {result.latencyMs !== undefined && formatMs(result.latencyMs)} {result.error ?? result.message ?? ''}
        </div>
      )}
    </Card>
  );
}
