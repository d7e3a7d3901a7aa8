import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/api-error';
import type { ApiKey } from '../../api/types';
import { Button } from '../../ui/button';
import { Field, Switch } from '../../ui/field';

const limitNames = ['rpm', 'rpd', 'tpm', 'maxConcurrent'] as const;
const limitLabels: Record<(typeof limitNames)[number], string> = {
  rpm: 'Requests / minute',
  rpd: 'Requests / day',
  tpm: 'Tokens / minute',
  maxConcurrent: 'Concurrent requests',
};

interface FormState {
  name: string;
  manage: boolean;
  allowedModels: string;
  blockedModels: string;
  allowedCombos: string;
  ipAllowlist: string;
  limits: Record<(typeof limitNames)[number], string>;
  expiresAt: string;
  disabled: boolean;
}

const lines = (list: string[] | undefined) => (list ?? []).join('\n');
const list = (text: string) =>
  text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
/** `datetime-local` wants local time without zone; the API wants ISO with offset. */
const toLocalInput = (iso: string | null) => {
  if (iso === null) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function initialState(key: ApiKey | undefined): FormState {
  return {
    name: key?.name ?? '',
    manage: key?.scopes.includes('manage') ?? false,
    allowedModels: lines(key?.allowedModels),
    blockedModels: lines(key?.blockedModels),
    allowedCombos: lines(key?.allowedCombos),
    ipAllowlist: lines(key?.ipAllowlist),
    limits: {
      rpm: String(key?.limits?.rpm ?? ''),
      rpd: String(key?.limits?.rpd ?? ''),
      tpm: String(key?.limits?.tpm ?? ''),
      maxConcurrent: String(key?.limits?.maxConcurrent ?? ''),
    },
    expiresAt: toLocalInput(key?.expiresAt ?? null),
    disabled: key?.disabled ?? false,
  };
}

/**
 * The request body: for a new key only what is set; for an edit every policy field, `null` clearing the ones
 * emptied (PATCH semantics of /api/keys/:id).
 */
function toBody(state: FormState, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const policyList = (field: 'allowedModels' | 'blockedModels' | 'allowedCombos' | 'ipAllowlist') => {
    const values = list(state[field]);
    if (values.length > 0) body[field] = values;
    else if (editing) body[field] = null;
  };
  policyList('allowedModels');
  policyList('blockedModels');
  policyList('allowedCombos');
  policyList('ipAllowlist');
  const limits: Record<string, number> = {};
  for (const name of limitNames) if (state.limits[name].trim() !== '') limits[name] = Number(state.limits[name]);
  if (Object.keys(limits).length > 0) body.limits = limits;
  else if (editing) body.limits = null;
  if (state.expiresAt !== '') body.expiresAt = new Date(state.expiresAt).toISOString();
  else if (editing) body.expiresAt = null;
  if (editing) body.disabled = state.disabled;
  else {
    body.name = state.name.trim();
    if (state.manage) body.scopes = ['manage'];
  }
  return body;
}

/** Create or edit a key: scopes (new keys), model and combo permissions, IP allowlist, limits, expiry. */
export function KeyForm({
  apiKey,
  onSubmit,
  onCancel,
}: {
  apiKey?: ApiKey;
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  onCancel: () => void;
}) {
  const editing = apiKey !== undefined;
  const [state, setState] = useState(() => initialState(apiKey));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ param?: string; message: string }>();
  const set = (patch: Partial<FormState>) => setState((current) => ({ ...current, ...patch }));
  const errorFor = (field: string) => (error?.param?.startsWith(field) ? error.message : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(toBody(state, editing));
    } catch (caught) {
      setError(
        caught instanceof ApiError ? { param: caught.param, message: caught.message } : { message: String(caught) },
      );
    } finally {
      setBusy(false);
    }
  };

  const textList = (
    field: 'allowedModels' | 'blockedModels' | 'allowedCombos' | 'ipAllowlist',
    label: string,
    hint: string,
  ) => (
    <Field label={label} hint={hint} error={errorFor(field)}>
      {(props) => (
        <textarea {...props} rows={2} value={state[field]} onChange={(event) => set({ [field]: event.target.value })} />
      )}
    </Field>
  );

  return (
    <form onSubmit={submit}>
      {!editing && (
        <Field label="Name" hint="Who or what uses it: laptop, ci, claude-code…" error={errorFor('name')}>
          {(props) => (
            <input
              {...props}
              value={state.name}
              onChange={(event) => set({ name: event.target.value })}
              required
              maxLength={100}
            />
          )}
        </Field>
      )}
      {!editing && (
        <div className="field field-inline">
          <Switch checked={state.manage} onChange={(manage) => set({ manage })} label="Management access" />
          <span>Management access (scope manage: may call /api/*)</span>
        </div>
      )}
      {textList(
        'allowedModels',
        'Allowed models',
        'One per line or comma separated; globs like openai/* allowed. Empty: every model.',
      )}
      {textList('blockedModels', 'Blocked models', 'Blocked wins over allowed.')}
      {textList('allowedCombos', 'Allowed combos', 'Empty: every combo.')}
      {textList('ipAllowlist', 'IP allowlist', 'Addresses or CIDR ranges. Empty: any address.')}
      <div className="form-grid">
        {limitNames.map((name) => (
          <Field key={name} label={limitLabels[name]} error={errorFor(`limits.${name}`) ?? errorFor('limits')}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={1}
                step={1}
                placeholder="no limit"
                value={state.limits[name]}
                onChange={(event) => set({ limits: { ...state.limits, [name]: event.target.value } })}
              />
            )}
          </Field>
        ))}
      </div>
      <Field label="Expires" hint="Empty: never." error={errorFor('expiresAt')}>
        {(props) => (
          <input
            {...props}
            type="datetime-local"
            value={state.expiresAt}
            onChange={(event) => set({ expiresAt: event.target.value })}
          />
        )}
      </Field>
      {editing && (
        <div className="field field-inline">
          <Switch checked={state.disabled} onChange={(disabled) => set({ disabled })} label="Disabled" />
          <span>Disabled (requests with this key get 403)</span>
        </div>
      )}
      {error && error.param === undefined && (
        <div className="field-error" role="alert">
          {error.message}
        </div>
      )}
      {error?.param !== undefined &&
        !['name', 'allowedModels', 'blockedModels', 'allowedCombos', 'ipAllowlist', 'limits', 'expiresAt'].some(
          (field) => error.param?.startsWith(field),
        ) && (
          <div className="field-error" role="alert">
            {error.message} ({error.param})
          </div>
        )}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          {editing ? 'Save' : 'Create key'}
        </Button>
      </div>
    </form>
  );
}
