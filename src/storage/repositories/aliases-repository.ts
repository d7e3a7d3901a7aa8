import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface ModelAlias {
  alias: string;
  target: string;
}

export class AliasesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<ModelAlias[]> {
    return this.db.selectFrom('model_aliases').select(['alias', 'target']).orderBy('alias').execute();
  }

  async upsert(alias: ModelAlias): Promise<void> {
    await this.db
      .insertInto('model_aliases')
      .values({ ...alias, created_at: Date.now() })
      .onConflict((conflict) => conflict.column('alias').doUpdateSet({ target: alias.target }))
      .execute();
  }

  async delete(alias: string): Promise<boolean> {
    const result = await this.db.deleteFrom('model_aliases').where('alias', '=', alias).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
