import type { Kysely, Selectable } from 'kysely';
import { modelPricingSchema } from '../../providers/catalog/schema.js';
import type { ModelPricing, ModelType } from '../../providers/catalog/types.js';
import type { Database, ProviderModelsTable } from '../schema.js';

/** What the user set for one provider model: a custom model, a hidden one, a user price. */
export interface ProviderModelRecord {
  provider: string;
  model: string;
  /** Added by the user (not in the catalog). */
  custom: boolean;
  /** Left out of the model lists; still callable as `provider/model`. */
  hidden: boolean;
  /** Custom models only. */
  type: ModelType | null;
  contextLength: number | null;
  /** The user's price, overriding the catalog's. */
  pricing: ModelPricing | null;
  createdAt: number;
  updatedAt: number;
}

export type ProviderModelValues = Omit<ProviderModelRecord, 'createdAt' | 'updatedAt'>;

const modelTypes: readonly ModelType[] = ['chat', 'embedding', 'image', 'transcription'];

export class ProviderModelsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<ProviderModelRecord[]> {
    const rows = await this.db.selectFrom('provider_models').selectAll().orderBy('provider').orderBy('model').execute();
    return rows.map(toRecord);
  }

  async get(provider: string, model: string): Promise<ProviderModelRecord | undefined> {
    const row = await this.db
      .selectFrom('provider_models')
      .selectAll()
      .where('provider', '=', provider)
      .where('model', '=', model)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /**
   * Writes the row, or deletes it when it no longer says anything (a catalog model neither hidden nor repriced):
   * the table only holds what differs from the catalog.
   */
  async save(values: ProviderModelValues): Promise<ProviderModelRecord | undefined> {
    if (!values.custom && !values.hidden && values.pricing === null) {
      await this.delete(values.provider, values.model);
      return undefined;
    }
    const now = Date.now();
    const columns = {
      custom: values.custom ? 1 : 0,
      hidden: values.hidden ? 1 : 0,
      type: values.type,
      context_length: values.contextLength,
      pricing: values.pricing === null ? null : JSON.stringify(values.pricing),
      updated_at: now,
    };
    await this.db
      .insertInto('provider_models')
      .values({ provider: values.provider, model: values.model, created_at: now, ...columns })
      .onConflict((conflict) => conflict.columns(['provider', 'model']).doUpdateSet(columns))
      .execute();
    return this.get(values.provider, values.model);
  }

  async delete(provider: string, model: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('provider_models')
      .where('provider', '=', provider)
      .where('model', '=', model)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toRecord(row: Selectable<ProviderModelsTable>): ProviderModelRecord {
  const type = modelTypes.find((candidate) => candidate === row.type) ?? null;
  return {
    provider: row.provider,
    model: row.model,
    custom: Number(row.custom) === 1,
    hidden: Number(row.hidden) === 1,
    type,
    contextLength: row.context_length === null ? null : Number(row.context_length),
    pricing: row.pricing === null ? null : parsePricing(row.pricing),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** A row written by a newer version may hold a price shape this one does not know: treat it as no price. */
function parsePricing(text: string): ModelPricing | null {
  try {
    const parsed = modelPricingSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
