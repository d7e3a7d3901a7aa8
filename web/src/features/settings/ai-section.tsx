import { useEffect, useState } from 'react';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field, Switch } from '../../ui/field';
import { NumberInput } from './number-input';
import { type AppSettings, errorFor, type SaveSettings, useSave } from './use-settings';

type Thinking = AppSettings['thinkingBudget'];

const thinkingModes: Record<Thinking['mode'], string> = {
  passthrough: 'Pass through: send what the client sent',
  auto: 'Auto: remove reasoning settings (the model default applies)',
  custom: 'Custom: a fixed budget for every request',
  adaptive: 'Adaptive: scale the budget with the conversation',
};

/** The global system prompt and the thinking budget applied to every request. */
export function AiSection({
  settings,
  patch,
  replace,
}: {
  settings: AppSettings;
  patch: SaveSettings;
  replace: SaveSettings;
}) {
  const [prompt, setPrompt] = useState(settings.systemPrompt);
  const [thinking, setThinking] = useState(settings.thinkingBudget);
  useEffect(() => {
    setPrompt(settings.systemPrompt);
    setThinking(settings.thinkingBudget);
  }, [settings]);
  const promptSave = useSave();
  const thinkingSave = useSave();
  return (
    <>
      <Card title="System prompt">
        <div className="setting-switch">
          <Switch
            checked={prompt.enabled}
            onChange={(enabled) => setPrompt({ ...prompt, enabled })}
            label="Add a system prompt"
          />
          <span>
            <strong>Add text around every request's system prompt</strong>
            <span className="muted small"> A client can skip it with the header x-omniroute-no-system-prompt.</span>
          </span>
        </div>
        <Field label="Before (prefix)" error={errorFor(promptSave, 'prefixPrompt')}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={prompt.prefixPrompt}
              onChange={(event) => setPrompt({ ...prompt, prefixPrompt: event.target.value })}
            />
          )}
        </Field>
        <Field label="After (suffix)" error={errorFor(promptSave, 'suffixPrompt')}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={prompt.suffixPrompt}
              onChange={(event) => setPrompt({ ...prompt, suffixPrompt: event.target.value })}
            />
          )}
        </Field>
        <Button
          variant="primary"
          busy={promptSave.busy}
          onClick={() => void promptSave.run(() => patch({ systemPrompt: prompt }), 'System prompt saved.')}
        >
          Save system prompt
        </Button>
      </Card>
      <Card title="Thinking budget">
        <Field label="Mode" error={errorFor(thinkingSave, 'mode')}>
          {(props) => (
            <select
              {...props}
              value={thinking.mode}
              onChange={(event) => setThinking({ ...thinking, mode: event.target.value as Thinking['mode'] })}
            >
              {Object.entries(thinkingModes).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(thinking.mode === 'custom' || thinking.mode === 'adaptive') && (
          <div className="form-grid">
            <NumberInput
              label={thinking.mode === 'custom' ? 'Budget (tokens)' : 'Ceiling (tokens)'}
              value={thinking.budgetTokens}
              onChange={(budgetTokens) => setThinking({ ...thinking, budgetTokens })}
              error={errorFor(thinkingSave, 'budgetTokens')}
              hint="0 turns reasoning off."
            />
            {thinking.mode === 'custom' && (
              <Field label="Effort (OpenAI-style models)" error={errorFor(thinkingSave, 'effort')}>
                {(props) => (
                  <select
                    {...props}
                    value={thinking.effort ?? ''}
                    onChange={(event) =>
                      setThinking({
                        ...thinking,
                        effort: event.target.value === '' ? undefined : (event.target.value as Thinking['effort']),
                      })
                    }
                  >
                    <option value="">From the budget</option>
                    <option value="low">low</option>
                    <option value="medium">medium</option>
                    <option value="high">high</option>
                  </select>
                )}
              </Field>
            )}
          </div>
        )}
        <Button
          variant="primary"
          busy={thinkingSave.busy}
          onClick={() =>
            void thinkingSave.run(() => replace({ thinkingBudget: cleanThinking(thinking) }), 'Thinking budget saved.')
          }
        >
          Save thinking budget
        </Button>
      </Card>
    </>
  );
}

/** Fields that mean nothing in the chosen mode are left out, so switching modes leaves no stale budget behind. */
function cleanThinking(value: Thinking): Thinking {
  if (value.mode === 'custom') return value;
  if (value.mode === 'adaptive') return { mode: value.mode, budgetTokens: value.budgetTokens };
  return { mode: value.mode };
}
