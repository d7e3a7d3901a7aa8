// The subscription upstreams the mock upstream does not cover: Codex's stream-only Responses endpoint and Gemini
// Code Assist's `{model, project, request}` / `{response}` envelope. Both answer their quota-exhausted error when a
// `fault` (seconds until the reset) is given.

export function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** `POST /backend-api/codex/responses`: 400 unless `stream: true`, then a Responses SSE stream. */
export function codexRoute(res, body, fault) {
  if (body.stream !== true) return sendJson(res, 400, { detail: 'Stream must be set to true' });
  if (fault !== undefined) {
    return sendJson(res, 429, {
      error: { type: 'usage_limit_reached', message: 'The usage limit has been reached', resets_in_seconds: fault },
    });
  }
  const text = `Mock codex reply to ${body.model}`;
  const message = {
    id: 'msg_codex1',
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
  const response = {
    id: 'resp_codex1',
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'completed',
    model: body.model,
    output: [message],
    usage: { input_tokens: 5, output_tokens: 4, total_tokens: 9 },
  };
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'x-codex-primary-used-percent': '42',
    'x-codex-primary-window-minutes': '300',
  });
  const send = (event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  const at = { output_index: 0, content_index: 0, item_id: message.id };
  send({ type: 'response.created', response: { ...response, status: 'in_progress', output: [] } });
  send({
    type: 'response.output_item.added',
    output_index: 0,
    item: { ...message, status: 'in_progress', content: [] },
  });
  send({ type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } });
  send({ type: 'response.output_text.delta', ...at, delta: text });
  send({ type: 'response.output_text.done', ...at, text });
  send({ type: 'response.output_item.done', output_index: 0, item: message });
  send({ type: 'response.completed', response });
  res.end();
}

/** `POST /v1internal:{loadCodeAssist,generateContent,streamGenerateContent}`. */
export function codeAssistRoute(res, body, url, fault) {
  if (url.pathname === '/v1internal:loadCodeAssist') {
    return sendJson(res, 200, { cloudaicompanionProject: 'mock-project' });
  }
  if (fault !== undefined) {
    return sendJson(res, 429, {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'You have exhausted your capacity on this model.',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${fault}s` }],
      },
    });
  }
  if (body.project === undefined || body.request === undefined) {
    return sendJson(res, 400, {
      error: { code: 400, message: 'missing project or request', status: 'INVALID_ARGUMENT' },
    });
  }
  const answer = {
    candidates: [
      {
        content: { role: 'model', parts: [{ text: `Mock code assist reply from ${body.project}` }] },
        finishReason: 'STOP',
      },
    ],
    usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 5, totalTokenCount: 8 },
    modelVersion: body.model,
  };
  if (url.pathname === '/v1internal:streamGenerateContent') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`data: ${JSON.stringify({ response: answer })}\n\n`);
    return res.end();
  }
  return sendJson(res, 200, { response: answer });
}
