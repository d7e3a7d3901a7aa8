import { useSearchParams } from '../../app/router';
import { PageHeader, Tabs } from '../../ui/card';
import { ChatPanel } from './chat-panel';
import { TranslatorPanel } from './translator-panel';
import './playground.css';

type View = 'chat' | 'translator';

/** Chat with any model or combo, or see how a request is translated between formats. `?model=` preselects one. */
export default function PlaygroundPage() {
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'translator' ? 'translator' : 'chat';
  return (
    <>
      <PageHeader
        title="Playground"
        description="Talk to any model or combo through the gateway, or inspect how requests are translated."
      />
      <Tabs
        label="Playground view"
        tabs={[
          { id: 'chat', label: 'Chat' },
          { id: 'translator', label: 'Translator' },
        ]}
        value={view}
        onChange={(next) => setParams({ view: next === 'chat' ? undefined : next })}
      />
      {/* Both stay mounted: switching tabs keeps the conversation and the translator's input. */}
      <div hidden={view !== 'chat'}>
        <ChatPanel initialModel={params.get('model') ?? undefined} />
      </div>
      <div hidden={view !== 'translator'}>
        <TranslatorPanel />
      </div>
    </>
  );
}
