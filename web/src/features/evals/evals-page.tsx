import { useState } from 'react';
import { useApi } from '../../api/use-api';
import { useSearchParams } from '../../app/router';
import { PageHeader } from '../../ui/card';
import { Async } from '../../ui/states';
import { CompareDrawer } from './compare-drawer';
import type { EvalsOverview } from './eval-types';
import { RunDrawer } from './run-drawer';
import { RunLauncher } from './run-launcher';
import { RunsCard } from './runs-card';
import { SuitesCard } from './suites-card';
import './evals.css';

/** Evals: suites, a run launcher, recent runs; the open run (`?run=`) or comparison (`?compare=a,b`) is in the URL. */
export default function EvalsPage() {
  const [params, setParams] = useSearchParams();
  const openRun = params.get('run') ?? undefined;
  const [first, second] = (params.get('compare') ?? '').split(',');
  const [polling, setPolling] = useState(false);
  // Poll only while something runs, so progress and scores move on their own.
  const overview = useApi<EvalsOverview>('/api/evals', { query: { limit: 50 }, refreshMs: polling ? 2000 : undefined });
  const running = overview.data?.runs.some((run) => run.status === 'running') ?? false;
  if (running !== polling) setPolling(running);
  const open = (id: string) => setParams({ run: id, compare: undefined }, { push: true });

  return (
    <>
      <PageHeader
        title="Evals"
        description="Send a suite of prompts to models and combos through the normal routing path and score the answers."
      />
      <Async state={overview}>
        {({ suites, runs }) => (
          <>
            <RunLauncher
              suites={suites}
              onStarted={(run) => {
                overview.reload();
                open(run.id);
              }}
            />
            <RunsCard
              runs={runs}
              onOpen={open}
              onCompare={(ids) => setParams({ run: undefined, compare: ids.join(',') }, { push: true })}
            />
            <SuitesCard suites={suites} onChanged={overview.reload} />
          </>
        )}
      </Async>
      {openRun && (
        <RunDrawer
          key={openRun}
          runId={openRun}
          onOpen={open}
          onChanged={overview.reload}
          onClose={() => setParams({ run: undefined })}
        />
      )}
      {first && second && <CompareDrawer ids={[first, second]} onClose={() => setParams({ compare: undefined })} />}
    </>
  );
}
