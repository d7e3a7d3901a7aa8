import type { ClientIdentity } from '../auth/key-index.js';
import { GatewayError } from '../core/errors.js';
import { readContinuation } from '../formats/openai-responses/index.js';
import type { Logger } from '../observability/logger.js';
import type { StoredResponsesRepository } from '../storage/repositories/stored-responses-repository.js';
import { SseParser } from '../upstream/sse-parser.js';
import type { AnswerObserver } from './answer-observer.js';

/**
 * `previous_response_id` for every upstream: the stored conversation (input items + output items, in Responses wire
 * form) is put in front of the new input, so the upstream, whatever it speaks, sees the whole conversation. As in
 * OpenAI's API, earlier `instructions` are not carried over. Answers are stored unless the client sends `store: false`.
 */
export async function prepareResponsesContinuation(input: {
  body: unknown;
  repository: StoredResponsesRepository;
  identity: ClientIdentity | undefined;
  logger: Logger;
}): Promise<{ body: unknown; observer?: AnswerObserver }> {
  const { body, repository, identity, logger } = input;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body };
  const { previous_response_id: _previous, ...fields } = body as Record<string, unknown>;
  const { previousResponseId, store } = readContinuation(body);
  let items = inputItems(fields.input);
  if (previousResponseId !== undefined) {
    const stored = await repository.get(previousResponseId);
    if (stored === undefined || (stored.apiKeyId !== null && stored.apiKeyId !== identity?.keyId)) {
      throw new GatewayError('invalid_request', `Previous response with id '${previousResponseId}' not found.`, {
        param: 'previous_response_id',
      });
    }
    items = [...stored.input, ...stored.output, ...items];
  }
  const expanded = previousResponseId === undefined ? body : { ...fields, input: items };
  if (!store) return { body: expanded };
  const save = (id: unknown, output: unknown) => {
    if (typeof id !== 'string' || !Array.isArray(output)) return;
    repository
      .save({ id, apiKeyId: identity?.keyId ?? null, input: items, output })
      .catch((error: unknown) => logger.error({ err: error }, 'storing a Responses answer failed'));
  };
  return { body: expanded, observer: createRecorder(save) };
}

function inputItems(input: unknown): unknown[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return Array.isArray(input) ? input : [];
}

function createRecorder(save: (id: unknown, output: unknown) => void): AnswerObserver {
  const parser = new SseParser();
  return {
    json(text) {
      try {
        const answer = JSON.parse(text) as { id?: unknown; output?: unknown };
        save(answer.id, answer.output);
      } catch {
        // Not a Responses object: nothing to continue from.
      }
    },
    frames(text) {
      for (const event of parser.push(Buffer.from(text))) {
        if (!event.data.includes('"response.completed"')) continue;
        try {
          const data = JSON.parse(event.data) as { type?: unknown; response?: { id?: unknown; output?: unknown } };
          if (data.type === 'response.completed') save(data.response?.id, data.response?.output);
        } catch {
          // Not JSON: nothing to store; the stream itself is the upstream's business.
        }
      }
    },
  };
}
