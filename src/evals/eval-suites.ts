import type { EvalSuitesRepository } from '../storage/repositories/eval-suites-repository.js';
import { builtinSuites } from './builtin-suites.js';
import type { EvalSuite } from './eval-suite.js';

/** Built-in and stored suites, found by id or name. */
export class EvalSuites {
  constructor(private readonly repository: EvalSuitesRepository) {}

  async list(): Promise<EvalSuite[]> {
    return [...builtinSuites, ...(await this.repository.list())];
  }

  async find(idOrName: string): Promise<EvalSuite | undefined> {
    const builtIn = builtinSuites.find((suite) => suite.id === idOrName || suite.name === idOrName);
    if (builtIn !== undefined) return builtIn;
    return (await this.repository.get(idOrName)) ?? (await this.repository.findByName(idOrName));
  }

  /** Whether a new or renamed suite may take `name`: built-in names are reserved. */
  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    if (builtinSuites.some((suite) => suite.name === name)) return true;
    const existing = await this.repository.findByName(name);
    return existing !== undefined && existing.id !== exceptId;
  }
}
