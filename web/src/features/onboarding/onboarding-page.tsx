import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from '../../app/router';
import { useSession } from '../../app/session';
import { Card } from '../../ui/card';
import { KeyStep } from './key-step';
import { PasswordStep } from './password-step';
import { ProviderStep } from './provider-step';
import { UseStep } from './use-step';
import './onboarding.css';

const steps = [
  { id: 'password', title: 'Set a password' },
  { id: 'provider', title: 'Connect a provider' },
  { id: 'key', title: 'Create a key' },
  { id: 'use', title: 'Use it' },
] as const;
type StepId = (typeof steps)[number]['id'];

/** First run: password (when none is set), first provider, first key, how to call it. Each step can be skipped. */
export default function OnboardingPage() {
  const { status, refresh } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [model, setModel] = useState<string>();
  const [apiKey, setApiKey] = useState<string>();
  const requested = params.get('step');
  const step: StepId =
    status === 'needs-setup'
      ? 'password'
      : steps.some((entry) => entry.id === requested) && requested !== 'password'
        ? (requested as StepId)
        : 'provider';
  const go = (next: StepId) => navigate(`/welcome?step=${next}`);
  const index = steps.findIndex((entry) => entry.id === step);

  return (
    <div className="standalone onboarding">
      <div className="brand" style={{ marginBottom: 8 }}>
        <span className="brand-mark" aria-hidden="true" />
        Welcome to OmniRoute
      </div>
      <ol className="steps" aria-label="Setup steps">
        {steps.map((entry, position) => (
          <li
            key={entry.id}
            className={position === index ? 'step step-current' : position < index ? 'step step-done' : 'step'}
            aria-current={position === index ? 'step' : undefined}
          >
            {entry.title}
          </li>
        ))}
      </ol>
      <Card title={steps[index]?.title}>
        {step === 'password' && (
          <PasswordStep
            onDone={() => {
              navigate('/welcome?step=provider', { replace: true });
              void refresh();
            }}
          />
        )}
        {step === 'provider' && (
          <ProviderStep
            onDone={(first) => {
              setModel(first);
              go('key');
            }}
          />
        )}
        {step === 'key' && (
          <KeyStep
            onDone={(key) => {
              setApiKey(key);
              go('use');
            }}
          />
        )}
        {step === 'use' && <UseStep apiKey={apiKey} model={model} />}
      </Card>
      {step !== 'password' && (
        <p className="muted small">
          {step !== 'use' && (
            <>
              <button type="button" className="link-button" onClick={() => go(step === 'provider' ? 'key' : 'use')}>
                Skip this step
              </button>{' '}
              ·{' '}
            </>
          )}
          <Link to="/">Go to the dashboard</Link>
        </p>
      )}
    </div>
  );
}
