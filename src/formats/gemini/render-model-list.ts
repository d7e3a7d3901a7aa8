export interface GeminiModelListEntry {
  id: string;
  displayName?: string;
  contextLength?: number;
  maxOutputTokens?: number;
}

export interface GeminiModel {
  name: string;
  displayName: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods: string[];
}

/** `GET /v1beta/models` answer, shaped like Gemini's `ListModelsResponse` (one page, no `nextPageToken`). */
export function renderModelList(models: GeminiModelListEntry[]): { models: GeminiModel[] } {
  return {
    models: models.map((model) => ({
      name: `models/${model.id}`,
      displayName: model.displayName ?? model.id,
      ...(model.contextLength === undefined ? {} : { inputTokenLimit: model.contextLength }),
      ...(model.maxOutputTokens === undefined ? {} : { outputTokenLimit: model.maxOutputTokens }),
      supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
    })),
  };
}
