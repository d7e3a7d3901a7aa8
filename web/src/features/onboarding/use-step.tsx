import { Link } from '../../app/router';
import { CodeBlock } from '../../ui/copy-button';
import { clientSnippets } from '../home/client-snippets';

/** The last step: a curl command that works right now, and where to go next. */
export function UseStep({ apiKey, model }: { apiKey: string | undefined; model: string | undefined }) {
  const curl = clientSnippets({
    origin: window.location.origin,
    key: apiKey ?? 'YOUR_KEY',
    model: model ?? 'provider/model',
  })[0];
  return (
    <div className="stack">
      <p>Everything is ready. Point any AI client at OmniRoute's endpoint:</p>
      <CodeBlock code={`${window.location.origin}/v1`} label="Base URL" />
      {curl && <CodeBlock code={curl.code} label="Try it" />}
      <div className="row">
        <Link to="/" className="button button-primary">
          Set up your clients
        </Link>
        <Link
          to={`/playground${model ? `?model=${encodeURIComponent(model)}` : ''}`}
          className="button button-secondary"
        >
          Chat in the playground
        </Link>
      </div>
    </div>
  );
}
