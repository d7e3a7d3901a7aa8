export interface ModelListEntry {
  id: string;
  ownedBy: string;
  /** Lets clients tell chat, embedding and image models (and combos) apart; not in OpenAI's schema. */
  type?: string;
  /** Unix seconds; defaults to 0, which clients treat as "unknown". */
  created?: number;
}

export interface OpenaiModelList {
  object: 'list';
  data: Array<{ id: string; object: 'model'; created: number; owned_by: string; type?: string }>;
}

/** The `GET /v1/models` answer. */
export function renderModelList(models: ModelListEntry[]): OpenaiModelList {
  return {
    object: 'list',
    data: models.map((model) => {
      const entry: OpenaiModelList['data'][number] = {
        id: model.id,
        object: 'model',
        created: model.created ?? 0,
        owned_by: model.ownedBy,
      };
      if (model.type !== undefined) entry.type = model.type;
      return entry;
    }),
  };
}
