import type { FastifyInstance } from 'fastify';
import { GatewayError, toGatewayError } from '../core/errors.js';
import { registerEvalGenerationRoute } from '../evals/eval-generation-route.js';
import { compareQuerySchema, type EvalAction, evalActionSchema, listQuerySchema } from '../evals/eval-input.js';
import type { EvalRun } from '../evals/eval-run.js';
import { EvalRunner } from '../evals/eval-runner.js';
import { type EvalSuiteDefinition, evalSuiteInputSchema, toSuiteDefinition } from '../evals/eval-suite.js';
import { EvalSuites } from '../evals/eval-suites.js';
import { runView, suiteView } from '../evals/eval-views.js';
import { compareRuns, type TargetTally, tallyResults } from '../evals/summarize-run.js';
import type { GenerationDependencies } from '../gateway/generation-handler.js';
import { resolveRequestModel } from '../routing/resolve-request-model.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { Repositories } from '../storage/repositories.js';
import { idParams, notFound, parseInput } from './parse-input.js';

/**
 * Evals: `GET/POST /api/evals` (suites and recent runs; create a suite, start a run, re-run), `GET/PUT/DELETE
 * /api/evals/:id` (a suite or a run), `POST /api/evals/:id/cancel`, `GET /api/evals/:id/compare?with=…`.
 */
export async function registerEvalRoutes(
  app: FastifyInstance,
  deps: {
    repositories: Repositories;
    state: RuntimeState;
    settings: SettingsService;
    generation: GenerationDependencies;
    /** No other process uses the database (SQLite holds a server lock); false on shared PostgreSQL. */
    exclusiveStorage: boolean;
  },
): Promise<void> {
  const { repositories, state, settings, generation } = deps;
  const runs = repositories.evalRuns;
  const suites = new EvalSuites(repositories.evalSuites);
  const runner = new EvalRunner({
    runs,
    call: registerEvalGenerationRoute(app, generation),
    settings: () => settings.value.evals,
    logger: generation.logger,
    exclusive: deps.exclusiveStorage,
  });
  await runner.recover();
  app.addHook('onClose', () => runner.close());

  const done = (run: EvalRun, tallies: readonly TargetTally[]) =>
    runner.progress(run.id) ?? tallies.reduce((sum, tally) => sum + tally.done, 0);
  /** A run's summary view (no results) from its summed results. */
  const summaryOf = (run: EvalRun, tallies: readonly TargetTally[] = []) =>
    runView(run, tallies, { done: done(run, tallies) });
  const viewOf = async (run: EvalRun, full: boolean) => {
    if (!full) return summaryOf(run, (await runs.tallies([run.id])).get(run.id));
    const results = await runs.results(run.id);
    const tallies = tallyResults(results);
    return runView(run, tallies, { done: done(run, tallies), results });
  };

  const startRun = async (input: {
    suite: EvalSuiteDefinition;
    suiteId: string | null;
    targets: string[];
    concurrency?: number;
    rerunOf?: string;
  }) => {
    const { concurrency: fallback, maxConcurrency } = settings.value.evals;
    const concurrency = input.concurrency ?? Math.min(fallback, maxConcurrency);
    if (concurrency > maxConcurrency) {
      throw new GatewayError(
        'invalid_request',
        `Invalid 'concurrency': at most ${maxConcurrency} (settings evals.maxConcurrency).`,
        { param: 'concurrency' },
      );
    }
    assertTargets(input.targets, state);
    return runner.start({ ...input, concurrency });
  };

  app.get('/api/evals', async (request) => {
    const { limit } = parseInput(listQuerySchema, request.query);
    const recent = await runs.list(limit);
    // One aggregate query for the whole page: the runs' results are never loaded for a listing.
    const tallies = await runs.tallies(recent.map((run) => run.id));
    const views = recent.map((run) => summaryOf(run, tallies.get(run.id)));
    return { suites: (await suites.list()).map((suite) => suiteView(suite, false)), runs: views };
  });

  app.post('/api/evals', { config: { openapi: { body: evalActionSchema } } }, async (request, reply) => {
    const action: EvalAction = parseInput(evalActionSchema, request.body);
    switch (action.action) {
      case 'create': {
        const suite = toSuiteDefinition(action.suite);
        if (await suites.nameTaken(suite.name)) throw nameTaken(suite.name);
        return reply.code(201).send(suiteView(await repositories.evalSuites.create(suite), true));
      }
      case 'run': {
        const { suite, suiteId } =
          typeof action.suite === 'string'
            ? await storedSuite(suites, action.suite)
            : { suite: toSuiteDefinition(action.suite), suiteId: null };
        const run = await startRun({ suite, suiteId, targets: action.targets, concurrency: action.concurrency });
        return reply.code(202).send(await viewOf(run, false));
      }
      case 'rerun': {
        const original = await runs.get(action.run);
        if (original === undefined) throw notFound('eval run', action.run);
        const run = await startRun({
          suite: original.suite,
          suiteId: original.suiteId,
          targets: action.targets ?? original.targets,
          concurrency: action.concurrency ?? Math.min(original.concurrency, settings.value.evals.maxConcurrency),
          rerunOf: original.id,
        });
        return reply.code(202).send(await viewOf(run, false));
      }
      default: {
        const unreachable: never = action;
        throw new Error(`unknown action ${JSON.stringify(unreachable)}`);
      }
    }
  });

  app.get('/api/evals/:id', async (request) => {
    const id = idParams(request.params);
    const run = await runs.get(id);
    if (run !== undefined) return viewOf(run, true);
    const suite = await suites.find(id);
    if (suite === undefined) throw notFound('eval suite or run', id);
    return suiteView(suite, true);
  });

  app.put('/api/evals/:id', { config: { openapi: { body: evalSuiteInputSchema } } }, async (request) => {
    const id = idParams(request.params);
    if ((await runs.get(id)) !== undefined) {
      throw new GatewayError('invalid_request', 'Runs cannot be edited; re-run instead (POST /api/evals).');
    }
    const existing = await suites.find(id);
    if (existing === undefined) throw notFound('eval suite', id);
    if (existing.builtIn) throw builtInReadOnly(existing.name);
    const suite = toSuiteDefinition(parseInput(evalSuiteInputSchema, request.body));
    if (await suites.nameTaken(suite.name, existing.id)) throw nameTaken(suite.name);
    const updated = await repositories.evalSuites.update(existing.id, suite);
    return suiteView(updated ?? existing, true);
  });

  app.delete('/api/evals/:id', async (request, reply) => {
    const id = idParams(request.params);
    const run = await runs.get(id);
    if (run !== undefined) {
      if (run.status === 'running') throw new GatewayError('conflict', 'The run is still running: cancel it first.');
      await runs.delete(id);
      return reply.code(204).send();
    }
    const suite = await suites.find(id);
    if (suite === undefined) throw notFound('eval suite or run', id);
    if (suite.builtIn) throw builtInReadOnly(suite.name);
    await repositories.evalSuites.delete(suite.id);
    return reply.code(204).send();
  });

  app.post('/api/evals/:id/cancel', async (request) => {
    const id = idParams(request.params);
    const run = await runs.get(id);
    if (run === undefined) throw notFound('eval run', id);
    if (!(await runner.cancel(id))) {
      throw new GatewayError(
        'conflict',
        run.status === 'running'
          ? 'The run is running in another gateway process (shared database): cancel it there.'
          : `The run is not running (it is ${run.status}).`,
      );
    }
    return viewOf((await runs.get(id)) ?? run, false);
  });

  app.get('/api/evals/:id/compare', async (request) => {
    const id = idParams(request.params);
    const others = parseInput(compareQuerySchema, request.query)
      .with.split(',')
      .map((part) => part.trim());
    const loaded = [];
    for (const runId of [id, ...others.filter((other) => other !== '' && other !== id)]) {
      const run = await runs.get(runId);
      if (run === undefined) throw notFound('eval run', runId);
      loaded.push({ run, results: await runs.results(runId) });
    }
    if (loaded.length < 2) {
      throw new GatewayError('invalid_request', "Invalid 'with': name at least one other run.", { param: 'with' });
    }
    return {
      runs: loaded.map(({ run, results }) => summaryOf(run, tallyResults(results))),
      cases: compareRuns(loaded),
    };
  });
}

async function storedSuite(suites: EvalSuites, idOrName: string) {
  const found = await suites.find(idOrName);
  if (found === undefined) {
    throw new GatewayError('invalid_request', `Invalid 'suite': no eval suite with id or name '${idOrName}'.`, {
      param: 'suite',
    });
  }
  const { id, builtIn: _builtIn, createdAt: _createdAt, updatedAt: _updatedAt, ...suite } = found;
  return { suite, suiteId: id };
}

/** Every target must name a model, alias or combo that resolves now: a typo is a 400, not a run of failures. */
function assertTargets(targets: readonly string[], state: RuntimeState): void {
  for (const [index, target] of targets.entries()) {
    try {
      resolveRequestModel(target, state.snapshot);
    } catch (error) {
      throw new GatewayError('invalid_request', `Invalid 'targets.${index}': ${toGatewayError(error).message}`, {
        param: `targets.${index}`,
      });
    }
  }
}

function nameTaken(name: string): GatewayError {
  return new GatewayError('conflict', `An eval suite named '${name}' already exists.`, { param: 'name' });
}

function builtInReadOnly(name: string): GatewayError {
  return new GatewayError(
    'forbidden',
    `'${name}' is a built-in suite and cannot be changed; copy it under a new name.`,
  );
}
