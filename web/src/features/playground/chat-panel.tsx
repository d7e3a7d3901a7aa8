import { type FormEvent, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field, Switch } from '../../ui/field';
import { formatMs, formatNumber } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { type ChatMessage, type ChatTiming, sendChat } from './stream-chat';
import { useModelOptions } from './use-model-options';

interface Turn extends ChatMessage {
  id: number;
  timing?: ChatTiming;
  error?: string;
  stopped?: boolean;
}

/** Chat with any model or combo: streaming, a stop button, and tokens and timing under each answer. */
export function ChatPanel({ initialModel }: { initialModel: string | undefined }) {
  const { options, error: optionsError } = useModelOptions();
  const [model, setModel] = useState(initialModel ?? '');
  const [system, setSystem] = useState('');
  const [stream, setStream] = useState(true);
  const [draft, setDraft] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);
  const transcript = useRef<HTMLDivElement>(null);
  const nextId = useRef(0);

  // Default to the first option once they load, unless the user (or the URL) chose already; only once, so clearing
  // the box to type another name does not refill it.
  const defaulted = useRef(model !== '');
  useEffect(() => {
    if (defaulted.current || options[0] === undefined) return;
    defaulted.current = true;
    setModel(options[0].value);
  }, [options]);
  // Stop a running answer when the page goes away.
  useEffect(() => () => controller.current?.abort(), []);
  const turnCount = turns.length;
  const lastLength = turns.at(-1)?.content.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the transcript as it grows
  useEffect(() => {
    transcript.current?.scrollTo({ top: transcript.current.scrollHeight });
  }, [turnCount, lastLength]);

  const updateLast = (change: (turn: Turn) => Turn) =>
    setTurns((current) => [...current.slice(0, -1), change(current.at(-1) as Turn)]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '' || model.trim() === '' || running) return;
    const history: ChatMessage[] = [
      ...turns.filter((turn) => turn.error === undefined).map(({ role, content }) => ({ role, content })),
      { role: 'user', content: text },
    ];
    const messages: ChatMessage[] = system.trim() === '' ? history : [{ role: 'system', content: system }, ...history];
    setTurns((current) => [
      ...current,
      { id: nextId.current++, role: 'user', content: text },
      { id: nextId.current++, role: 'assistant', content: '' },
    ]);
    setDraft('');
    setRunning(true);
    const abort = new AbortController();
    controller.current = abort;
    try {
      const timing = await sendChat({
        model: model.trim(),
        messages,
        stream,
        signal: abort.signal,
        onText: (piece) => updateLast((turn) => ({ ...turn, content: turn.content + piece })),
      });
      updateLast((turn) => ({ ...turn, timing }));
    } catch (caught) {
      if (abort.signal.aborted) updateLast((turn) => ({ ...turn, stopped: true }));
      else updateLast((turn) => ({ ...turn, error: errorMessage(caught) }));
    } finally {
      setRunning(false);
      controller.current = undefined;
    }
  };

  return (
    <div className="playground">
      <Card className="playground-settings">
        <Field
          label="Model or combo"
          hint={optionsError ? errorMessage(optionsError) : 'Any model, alias or combo name.'}
        >
          {(props) => (
            <>
              <input
                {...props}
                value={model}
                list="playground-models"
                onChange={(event) => setModel(event.target.value)}
                placeholder="provider/model or combo"
                autoComplete="off"
              />
              <datalist id="playground-models">
                {options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.group}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="System prompt" hint="Optional, sent first in every turn.">
          {(props) => (
            <textarea {...props} rows={3} value={system} onChange={(event) => setSystem(event.target.value)} />
          )}
        </Field>
        <div className="playground-switch">
          <Switch checked={stream} onChange={setStream} label="Stream the answer" />
          <span>Stream the answer</span>
        </div>
        <Button size="small" variant="ghost" onClick={() => setTurns([])} disabled={running || turns.length === 0}>
          Clear conversation
        </Button>
      </Card>

      <Card className="playground-chat">
        <div className="chat-transcript" ref={transcript} aria-live="polite" data-testid="chat-transcript">
          {turns.length === 0 ? (
            <EmptyState title="Start a conversation">
              Pick a model or combo and send a message. It goes through routing like any client request and shows in the
              request logs under the key “dashboard”.
            </EmptyState>
          ) : (
            turns.map((turn, index) => (
              <ChatBubble key={turn.id} turn={turn} pending={running && index === turns.length - 1} />
            ))
          )}
        </div>
        <form className="chat-composer" onSubmit={send}>
          <textarea
            aria-label="Message"
            rows={2}
            value={draft}
            placeholder="Type a message… (Enter sends, Shift+Enter for a new line)"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {running ? (
            <Button variant="danger" onClick={() => controller.current?.abort()}>
              Stop
            </Button>
          ) : (
            <Button type="submit" variant="primary" disabled={draft.trim() === '' || model.trim() === ''}>
              Send
            </Button>
          )}
        </form>
      </Card>
    </div>
  );
}

function ChatBubble({ turn, pending }: { turn: Turn; pending: boolean }) {
  const { timing } = turn;
  return (
    <div className={`chat-message chat-${turn.role}`} data-role={turn.role}>
      <div className="chat-role">{turn.role === 'user' ? 'You' : 'Assistant'}</div>
      <div className="chat-content">{turn.content || (pending ? '…' : '')}</div>
      {turn.error && (
        <div className="chat-error" role="alert">
          {turn.error}
        </div>
      )}
      {turn.stopped && <div className="chat-meta">Stopped.</div>}
      {timing && (
        <div className="chat-meta" data-testid="chat-timing">
          {timing.usage && (
            <span>
              {formatNumber(timing.usage.inputTokens)} in · {formatNumber(timing.usage.outputTokens)} out tokens
            </span>
          )}
          {timing.firstTokenMs !== undefined && <span>first token {formatMs(timing.firstTokenMs)}</span>}
          <span>total {formatMs(timing.totalMs)}</span>
          {timing.route && <span className="chat-route">{timing.route}</span>}
        </div>
      )}
    </div>
  );
}
