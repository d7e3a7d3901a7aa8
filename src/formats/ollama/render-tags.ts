import { createHash } from 'node:crypto';

export interface TagsModel {
  name: string;
  /** ISO 8601 timestamp. */
  modifiedAt?: string;
  size?: number;
  family?: string;
}

/**
 * The body of Ollama's `GET /api/tags` for the models the gateway offers, so Ollama clients (Open WebUI,
 * IDE plugins) can list them. These are not local GGUF files: size, quantization and parameter size are
 * unknown and left empty, and the digest is a stable sha256 of the name (clients use it as a cache key).
 */
export function renderTags(models: ReadonlyArray<TagsModel>) {
  return {
    models: models.map(({ name, modifiedAt, size, family }) => ({
      name,
      model: name,
      // A fixed date keeps the function pure; clients only sort or display it.
      modified_at: modifiedAt ?? '1970-01-01T00:00:00.000Z',
      size: size ?? 0,
      digest: createHash('sha256').update(name).digest('hex'),
      details: {
        parent_model: '',
        format: '',
        family: family ?? '',
        families: family ? [family] : [],
        parameter_size: '',
        quantization_level: '',
      },
    })),
  };
}
