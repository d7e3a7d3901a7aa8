import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface StoredResponse {
  id: string;
  apiKeyId: string | null;
  input: unknown[];
  output: unknown[];
}

export class StoredResponsesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string): Promise<StoredResponse | undefined> {
    const row = await this.db.selectFrom('stored_responses').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return undefined;
    return { id: row.id, apiKeyId: row.api_key_id, input: JSON.parse(row.input), output: JSON.parse(row.output) };
  }

  async save(response: StoredResponse): Promise<void> {
    const row = {
      id: response.id,
      created_at: Date.now(),
      api_key_id: response.apiKeyId,
      input: JSON.stringify(response.input),
      output: JSON.stringify(response.output),
    };
    await this.db
      .insertInto('stored_responses')
      .values(row)
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ input: row.input, output: row.output }))
      .execute();
  }

  async deleteOlderThan(time: number): Promise<number> {
    const result = await this.db.deleteFrom('stored_responses').where('created_at', '<', time).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
