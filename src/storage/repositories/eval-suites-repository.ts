import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { type EvalSuite, type EvalSuiteDefinition, evalCaseSchema } from '../../evals/eval-suite.js';
import type { Database, EvalSuitesTable } from '../schema.js';

const storedCases = z.array(evalCaseSchema.and(z.object({ name: z.string() })));

/** User eval suites; cases are stored as one JSON document per suite. */
export class EvalSuitesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<EvalSuite[]> {
    const rows = await this.db.selectFrom('eval_suites').selectAll().orderBy('name').execute();
    return rows.flatMap(toSuite);
  }

  async get(id: string): Promise<EvalSuite | undefined> {
    const row = await this.db.selectFrom('eval_suites').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toSuite(row)[0];
  }

  async findByName(name: string): Promise<EvalSuite | undefined> {
    const row = await this.db.selectFrom('eval_suites').selectAll().where('name', '=', name).executeTakeFirst();
    return row === undefined ? undefined : toSuite(row)[0];
  }

  async create(suite: EvalSuiteDefinition): Promise<EvalSuite> {
    const now = Date.now();
    const id = randomUUID();
    await this.db
      .insertInto('eval_suites')
      .values({ id, ...toColumns(suite), created_at: now, updated_at: now })
      .execute();
    return { id, ...suite, builtIn: false, createdAt: now, updatedAt: now };
  }

  async update(id: string, suite: EvalSuiteDefinition): Promise<EvalSuite | undefined> {
    await this.db
      .updateTable('eval_suites')
      .set({ ...toColumns(suite), updated_at: Date.now() })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('eval_suites').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toColumns(suite: EvalSuiteDefinition) {
  return { name: suite.name, description: suite.description ?? null, cases: JSON.stringify(suite.cases) };
}

/** A row written by a newer version in a shape this one cannot read is skipped rather than failing the list. */
function toSuite(row: Selectable<EvalSuitesTable>): EvalSuite[] {
  const cases = storedCases.safeParse(JSON.parse(row.cases));
  if (!cases.success) return [];
  return [
    {
      id: row.id,
      name: row.name,
      ...(row.description === null ? {} : { description: row.description }),
      cases: cases.data,
      builtIn: false,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    },
  ];
}
