import type { CreatedApiKey } from '../../api/types';
import { CopyButton } from '../../ui/copy-button';

/** The new key, shown this one time only (the server keeps a hash). */
export function KeyReveal({ created }: { created: CreatedApiKey }) {
  return (
    <div className="stack">
      <div className="notice notice-warn">
        Copy this key now: it is shown only once. OmniRoute stores only its hash.
      </div>
      <div className="row">
        <code className="secret" data-testid="new-key" style={{ flex: 1 }}>
          {created.key}
        </code>
        <CopyButton text={created.key} label="Copy key" size="normal" />
      </div>
    </div>
  );
}
