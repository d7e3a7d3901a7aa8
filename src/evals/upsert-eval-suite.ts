import { GatewayError } from '../core/errors.js';
import type { EvalSuitesRepository } from '../storage/repositories/eval-suites-repository.js';
import { builtinSuites } from './builtin-suites.js';
import { type EvalSuiteInput, toSuiteDefinition } from './eval-suite.js';

/** The config file's `evals` entries: created, or replaced when a suite of that name exists (idempotent). */
export async function upsertEvalSuite(repository: EvalSuitesRepository, input: EvalSuiteInput): Promise<void> {
  if (builtinSuites.some((suite) => suite.name === input.name)) {
    throw new GatewayError('conflict', `'${input.name}' is a built-in eval suite; give yours another name.`);
  }
  const suite = toSuiteDefinition(input);
  const existing = await repository.findByName(suite.name);
  if (existing === undefined) await repository.create(suite);
  else await repository.update(existing.id, suite);
}
