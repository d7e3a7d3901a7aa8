import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { Button } from '../../ui/button';
import { Badge, Card } from '../../ui/card';
import { CodeBlock } from '../../ui/copy-button';
import { Field } from '../../ui/field';
import { EmptyState } from '../../ui/states';

const formats = ['openai', 'openai-responses', 'anthropic', 'gemini', 'ollama'] as const;
type Format = (typeof formats)[number];

const formatLabel: Record<Format, string> = {
  openai: 'OpenAI Chat Completions',
  'openai-responses': 'OpenAI Responses',
  anthropic: 'Anthropic Messages',
  gemini: 'Gemini generateContent',
  ollama: 'Ollama chat',
};

/** A starting request per client format, so the view shows something useful at once. */
const samples: Record<Format, unknown> = {
  openai: {
    model: 'gpt-4.1',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
    max_tokens: 256,
    temperature: 0.2,
  },
  'openai-responses': { model: 'gpt-4.1', instructions: 'You are terse.', input: 'What is the capital of France?' },
  anthropic: {
    model: 'claude-sonnet-4-5',
    system: 'You are terse.',
    max_tokens: 256,
    messages: [{ role: 'user', content: 'What is the capital of France?' }],
  },
  gemini: {
    systemInstruction: { parts: [{ text: 'You are terse.' }] },
    contents: [{ role: 'user', parts: [{ text: 'What is the capital of France?' }] }],
    generationConfig: { maxOutputTokens: 256 },
  },
  ollama: {
    model: 'llama3.2',
    messages: [{ role: 'user', content: 'What is the capital of France?' }],
    stream: false,
  },
};

interface Translation {
  passThrough: boolean;
  path: string;
  body: unknown;
  headers: Record<string, string>;
  warnings: string[];
}

/** How a request in one client format is sent to a provider of another format (`POST /api/translator`). */
export function TranslatorPanel() {
  const [from, setFrom] = useState<Format>('openai');
  const [to, setTo] = useState<Format>('anthropic');
  const [text, setText] = useState(() => JSON.stringify(samples.openai, null, 2));
  const [geminiModel, setGeminiModel] = useState('gemini-2.5-flash');
  const [result, setResult] = useState<Translation>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const chooseFrom = (next: Format) => {
    setFrom(next);
    setText(JSON.stringify(samples[next], null, 2));
    setResult(undefined);
    setError(undefined);
  };

  const translate = async () => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (caught) {
      setError(`The request is not valid JSON: ${errorMessage(caught)}`);
      setResult(undefined);
      return;
    }
    setBusy(true);
    try {
      const model = from === 'gemini' ? geminiModel : undefined;
      setResult(await api.post<Translation>('/api/translator', { from, to, body, model }));
      setError(undefined);
    } catch (caught) {
      setError(errorMessage(caught));
      setResult(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="translator">
      <Card title="Client request">
        <div className="translator-formats">
          <Field label="Client format">
            {(props) => (
              <select {...props} value={from} onChange={(event) => chooseFrom(event.target.value as Format)}>
                {formats.map((format) => (
                  <option key={format} value={format}>
                    {formatLabel[format]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Upstream format">
            {(props) => (
              <select {...props} value={to} onChange={(event) => setTo(event.target.value as Format)}>
                {formats.map((format) => (
                  <option key={format} value={format}>
                    {formatLabel[format]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {from === 'gemini' && (
            <Field label="Model (Gemini puts it in the URL)">
              {(props) => (
                <input {...props} value={geminiModel} onChange={(event) => setGeminiModel(event.target.value)} />
              )}
            </Field>
          )}
        </div>
        <Field label="Request body (JSON)" error={error}>
          {(props) => (
            <textarea
              {...props}
              className="code-input"
              rows={16}
              spellCheck={false}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        <Button variant="primary" onClick={() => void translate()} busy={busy}>
          Translate
        </Button>
      </Card>
      <Card
        title="Sent upstream"
        actions={
          result && (
            <Badge tone={result.passThrough ? 'info' : 'good'}>
              {result.passThrough ? 'pass-through' : 'translated'}
            </Badge>
          )
        }
      >
        {result === undefined ? (
          <EmptyState title="Nothing translated yet">
            Pick the formats, edit the request and press Translate.
          </EmptyState>
        ) : (
          <div data-testid="translation-result">
            <p>
              <strong>POST</strong> <code>{`<provider base URL>${result.path}`}</code>
            </p>
            {result.warnings.length > 0 && (
              <ul className="translator-warnings">
                {result.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
            {Object.keys(result.headers).length > 0 && (
              <CodeBlock label="Extra headers" code={JSON.stringify(result.headers, null, 2)} />
            )}
            <CodeBlock label="Body" code={JSON.stringify(result.body, null, 2)} />
          </div>
        )}
      </Card>
    </div>
  );
}
