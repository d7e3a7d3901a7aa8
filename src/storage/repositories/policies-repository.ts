import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { type Policy, type PolicyInput, policyActionSchema, policyMatchSchema } from '../../policies/policy.js';
import type { Database, PoliciesTable } from '../schema.js';

export class PoliciesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every policy in evaluation order: priority ascending, then name. */
  async list(): Promise<Policy[]> {
    const rows = await this.db.selectFrom('policies').selectAll().orderBy('priority').orderBy('name').execute();
    return rows.flatMap(toPolicy);
  }

  async get(id: string): Promise<Policy | undefined> {
    const row = await this.db.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toPolicy(row)[0];
  }

  async findByName(name: string): Promise<Policy | undefined> {
    const row = await this.db.selectFrom('policies').selectAll().where('name', '=', name).executeTakeFirst();
    return row === undefined ? undefined : toPolicy(row)[0];
  }

  async create(input: PolicyInput): Promise<Policy> {
    const now = Date.now();
    const row = { id: randomUUID(), ...toColumns(input), created_at: now, updated_at: now };
    await this.db.insertInto('policies').values(row).execute();
    return { id: row.id, ...input, createdAt: now, updatedAt: now };
  }

  async update(id: string, input: PolicyInput): Promise<Policy | undefined> {
    await this.db
      .updateTable('policies')
      .set({ ...toColumns(input), updated_at: Date.now() })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('policies').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toColumns(input: PolicyInput) {
  return {
    name: input.name,
    enabled: input.enabled ? 1 : 0,
    priority: input.priority,
    match: JSON.stringify(input.match),
    action: JSON.stringify(input.action),
  };
}

/** A row written by a newer version with a shape this one cannot read is skipped rather than crashing routing. */
function toPolicy(row: Selectable<PoliciesTable>): Policy[] {
  const match = policyMatchSchema.safeParse(JSON.parse(row.match));
  const action = policyActionSchema.safeParse(JSON.parse(row.action));
  if (!match.success || !action.success) return [];
  return [
    {
      id: row.id,
      name: row.name,
      enabled: Number(row.enabled) === 1,
      priority: Number(row.priority),
      match: match.data,
      action: action.data,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    },
  ];
}
