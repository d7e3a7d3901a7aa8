import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Combo, ComboConfig, ComboStrategy, ComboTarget } from '../../routing/combo.js';
import type { CombosTable, Database } from '../schema.js';

export type NewCombo = Pick<Combo, 'name' | 'strategy' | 'targets' | 'config'>;

export class CombosRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Combo[]> {
    return (await this.db.selectFrom('combos').selectAll().orderBy('name').execute()).map(toCombo);
  }

  async get(idOrName: string): Promise<Combo | undefined> {
    const row = await this.db
      .selectFrom('combos')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
      .executeTakeFirst();
    return row && toCombo(row);
  }

  async create(combo: NewCombo): Promise<Combo> {
    const now = Date.now();
    const row = {
      id: randomUUID(),
      name: combo.name,
      strategy: combo.strategy,
      targets: JSON.stringify(combo.targets),
      config: JSON.stringify(combo.config),
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('combos').values(row).execute();
    return toCombo(row);
  }

  async update(id: string, combo: NewCombo): Promise<Combo | undefined> {
    await this.db
      .updateTable('combos')
      .set({
        name: combo.name,
        strategy: combo.strategy,
        targets: JSON.stringify(combo.targets),
        config: JSON.stringify(combo.config),
        updated_at: Date.now(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('combos').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toCombo(row: Selectable<CombosTable>): Combo {
  return {
    id: row.id,
    name: row.name,
    strategy: row.strategy as ComboStrategy,
    targets: JSON.parse(row.targets) as ComboTarget[],
    config: JSON.parse(row.config) as ComboConfig,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
