import { describe, expect, it } from 'vitest';
import type { CanonicalMessage, CanonicalRequest } from '../../../core/canonical.js';
import { anthropicAdapter } from './index.js';

function build(request: Partial<CanonicalRequest>) {
  const { value, warnings } = anthropicAdapter.buildRequest({
    model: 'claude-sonnet-4-5',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    stream: false,
    ...request,
  });
  return { path: value.path, body: value.body as Record<string, unknown>, warnings };
}

const toolLoop: CanonicalMessage[] = [
  { role: 'user', content: [{ type: 'text', text: 'weather in Paris and Rome?' }] },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'tool-call', id: 'call_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
    ],
  },
  {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: 'sunny' }] }],
  },
  { role: 'user', content: [{ type: 'text', text: 'Also, be brief.' }] },
  {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId: 'call_2', content: [{ type: 'text', text: 'rain' }], isError: true }],
  },
];

describe('anthropicAdapter.buildRequest: messages', () => {
  it('hoists system messages, merges turns and puts tool results first', () => {
    const { path, body, warnings } = build({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be helpful.', cacheControl: { type: 'ephemeral' } }] },
        ...toolLoop,
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
      ],
    });
    expect(path).toBe('/messages');
    expect(body.system).toEqual([
      { type: 'text', text: 'Be helpful.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Answer in French.' },
    ]);
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: 'sunny' },
          { type: 'tool_result', tool_use_id: 'call_2', content: 'rain', is_error: true },
          { type: 'text', text: 'Also, be brief.' },
        ],
      },
    ]);
    expect(warnings).toEqual(['a system message inside the conversation was moved to the top-level system prompt']);
    expect(body.max_tokens).toBe(8192);
  });

  it('drops orphan tool calls and results with warnings, and rewrites ids Anthropic would reject', () => {
    const { body, warnings } = build({
      messages: [
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'ghost', content: [] }] },
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'functions.lookup:0', name: 'lookup', arguments: '{}' },
            { type: 'tool-call', id: 'never_answered', name: 'lookup', arguments: '{}' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'functions.lookup:0', content: [] }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'functions_lookup_0', name: 'lookup', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'functions_lookup_0' }] },
    ]);
    expect(warnings).toEqual([
      "tool result for 'ghost' has no matching tool call in the previous turn and was dropped",
      "tool call 'never_answered' has no tool result and was dropped",
    ]);
  });

  it('converts images, data URLs, PDFs and text files; drops what Anthropic cannot read', () => {
    const { body, warnings } = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { kind: 'url', url: 'data:image/png;base64,iVBORw0KGgo=' }, detail: 'high' },
            {
              type: 'image',
              source: { kind: 'url', url: 'https://example.com/cat.jpg' },
              cacheControl: { type: 'ephemeral' },
            },
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0x' },
              filename: 'a.pdf',
            },
            { type: 'file', source: { kind: 'url', url: 'https://example.com/b.pdf' } },
            { type: 'file', source: { kind: 'url', url: 'data:text/csv,a%2Cb%0A1%2C2' }, filename: 'c.csv' },
            { type: 'file', source: { kind: 'base64', mediaType: 'image/webp', data: 'UklGR' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: 'UklGRg' } },
            { type: 'text', text: '' },
            { type: 'text', text: 'Describe all of it.' },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          {
            type: 'image',
            source: { type: 'url', url: 'https://example.com/cat.jpg' },
            cache_control: { type: 'ephemeral' },
          },
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' },
            title: 'a.pdf',
          },
          { type: 'document', source: { type: 'url', url: 'https://example.com/b.pdf' } },
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'a,b\n1,2' }, title: 'c.csv' },
          { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGR' } },
          { type: 'text', text: 'Describe all of it.' },
        ],
      },
    ]);
    expect(warnings).toEqual(["a 'audio/wav' file was dropped: Anthropic reads only PDF, text and image files"]);
  });

  it('leaves unsigned reasoning out of the history and keeps signed and redacted thinking', () => {
    const { body, warnings } = build({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'from another model' },
            { type: 'reasoning', text: 'signed', signature: 'sig' },
            { type: 'redacted-reasoning', data: 'opaque' },
            { type: 'text', text: 'a' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'q2' }] },
      ],
    });
    expect((body.messages as unknown[])[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'signed', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'a' },
      ],
    });
    expect(warnings).toEqual(['reasoning without an Anthropic signature was left out of the history']);
  });
});

describe('anthropicAdapter.buildRequest: options', () => {
  const tools: CanonicalRequest['tools'] = [
    { name: 'get_weather', description: 'Weather', inputSchema: { properties: { city: { type: 'string' } } } },
    { name: 'noop', inputSchema: {}, cacheControl: { type: 'ephemeral', ttl: '1h' } },
  ];

  it('maps tools, tool choice and serial tool calls', () => {
    const { body } = build({ tools, toolChoice: { type: 'required' }, parallelToolCalls: false });
    expect(body.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } } },
      },
      { name: 'noop', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
    expect(body.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(build({ tools, parallelToolCalls: false }).body.tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(build({ tools, toolChoice: { type: 'tool', name: 'noop' } }).body.tool_choice).toEqual({
      type: 'tool',
      name: 'noop',
    });
    expect(build({ tools, toolChoice: { type: 'none' }, parallelToolCalls: false }).body.tool_choice).toEqual({
      type: 'none',
    });
    expect(build({ toolChoice: { type: 'required' } }).body).not.toHaveProperty('tool_choice');
  });

  it('turns effort into a thinking budget with room for the answer', () => {
    const thinking = (request: Partial<CanonicalRequest>) => {
      const { body, warnings } = build(request);
      return { thinking: body.thinking, max_tokens: body.max_tokens, warnings };
    };
    expect(thinking({ reasoning: { effort: 'low' } })).toEqual({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      max_tokens: 5120,
      warnings: [],
    });
    expect(thinking({ reasoning: { effort: 'high' } })).toMatchObject({
      thinking: { budget_tokens: 24576 },
      max_tokens: 28672,
    });
    expect(thinking({ reasoning: { enabled: true } })).toMatchObject({
      thinking: { budget_tokens: 8192 },
      max_tokens: 12288,
    });
    expect(thinking({ reasoning: { budgetTokens: 2000 }, maxOutputTokens: 16000 })).toMatchObject({
      thinking: { budget_tokens: 2000 },
      max_tokens: 16000,
    });
    expect(thinking({ reasoning: { effort: 'high' }, maxOutputTokens: 4000 })).toEqual({
      thinking: { type: 'enabled', budget_tokens: 2000 },
      max_tokens: 4000,
      warnings: ['thinking budget 24576 was lowered to 2000 to stay below max_tokens 4000'],
    });
    expect(thinking({ reasoning: { effort: 'low' }, maxOutputTokens: 500 })).toEqual({
      thinking: undefined,
      max_tokens: 500,
      warnings: ['thinking was turned off: max_tokens 500 leaves no room for the minimum budget of 1024'],
    });
    expect(thinking({ reasoning: { enabled: false } })).toMatchObject({
      thinking: { type: 'disabled' },
      max_tokens: 8192,
    });
    expect(thinking({ model: 'claude-fable-5', reasoning: { enabled: false } })).toEqual({
      thinking: undefined,
      max_tokens: 8192,
      warnings: ['thinking cannot be turned off on this model and stays on'],
    });
  });

  it('uses adaptive thinking and effort on Claude 4.6+ models', () => {
    const { body } = build({ model: 'claude-opus-4-6', reasoning: { budgetTokens: 20000 } });
    expect(body).toMatchObject({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
      max_tokens: 32000,
    });
    expect(build({ model: 'claude-sonnet-4-6', reasoning: { effort: 'minimal' } }).body.output_config).toEqual({
      effort: 'low',
    });
  });

  it('drops sampling parameters that thinking or the model forbid', () => {
    const withThinking = build({ reasoning: { effort: 'medium' }, temperature: 0.2, topP: 0.5, topK: 20 });
    expect(withThinking.body).not.toHaveProperty('temperature');
    expect(withThinking.body).not.toHaveProperty('top_p');
    expect(withThinking.body).not.toHaveProperty('top_k');
    expect(withThinking.warnings).toHaveLength(3);
    expect(build({ reasoning: { effort: 'medium' }, temperature: 1, topP: 0.96 }).body).toMatchObject({
      temperature: 1,
      top_p: 0.96,
    });
    expect(build({ temperature: 1.6, topK: 5 })).toMatchObject({
      body: { temperature: 1, top_k: 5 },
      warnings: ["temperature 1.6 was lowered to 1, Anthropic's maximum"],
    });
    const opus = build({ model: 'claude-opus-4-8', temperature: 0.5 });
    expect(opus.body).not.toHaveProperty('temperature');
    expect(opus.warnings).toEqual([
      'temperature, top_p and top_k were dropped: claude-opus-4-8 does not accept sampling parameters',
    ]);
  });

  it('turns thinking off when Anthropic would reject it', () => {
    const forced = build({ tools, toolChoice: { type: 'tool', name: 'noop' }, reasoning: { effort: 'high' } });
    expect(forced.body).not.toHaveProperty('thinking');
    expect(forced.warnings).toEqual([
      'thinking was turned off: Anthropic allows only tool_choice auto or none with thinking',
    ]);
    // The tool loop came from a model without Anthropic thinking blocks.
    const loop = build({ messages: toolLoop.slice(0, 3), tools, reasoning: { effort: 'low' } });
    expect(loop.body).not.toHaveProperty('thinking');
    expect(loop.warnings).toEqual([
      "tool call 'call_2' has no tool result and was dropped",
      'thinking was turned off: the assistant turn before the tool results carries no Anthropic thinking block',
    ]);
  });

  it('sends structured output natively where the model has it, as an instruction elsewhere', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 2 },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
      },
      required: ['name'],
    };
    const native = build({ responseFormat: { type: 'json', schema, name: 'person' } });
    expect(native.body.output_config).toEqual({
      format: {
        type: 'json_schema',
        schema: {
          type: 'object',
          properties: {
            name: { type: 'string', description: '{minLength: 2}' },
            tags: { type: 'array', items: { type: 'string' }, description: '{maxItems: 3}' },
          },
          required: ['name'],
          additionalProperties: false,
        },
      },
    });
    expect(native.warnings).toEqual([
      'JSON schema keywords not enforced by Anthropic were moved into descriptions: maxItems, minLength',
    ]);
    const old = build({
      model: 'claude-3-5-haiku-20241022',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Extract.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Ann' }] },
      ],
      responseFormat: { type: 'json', schema },
    });
    expect(old.body).not.toHaveProperty('output_config');
    expect(old.body.system).toBe(
      `Extract.\n\nRespond only with JSON that conforms to this JSON schema, with no other text:\n${JSON.stringify(schema)}`,
    );
    expect(old.warnings).toEqual([
      'JSON output is requested by a system instruction only: this model has no constrained JSON mode',
    ]);
    expect(build({ responseFormat: { type: 'json' } }).body.system).toBe(
      'Respond only with a valid JSON object, with no other text.',
    );
  });

  it('maps stop sequences, user, stream and warns about unsupported options', () => {
    const { body, warnings } = build({
      stopSequences: ['END', '  '],
      user: 'user-42',
      stream: true,
      seed: 7,
      frequencyPenalty: 0.5,
      presencePenalty: 0.1,
      maxOutputTokens: 300,
    });
    expect(body).toMatchObject({
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
      stream: true,
      max_tokens: 300,
    });
    expect(warnings).toEqual([
      'whitespace-only stop sequences were dropped',
      'seed is not supported by Anthropic and was dropped',
      'frequency_penalty is not supported by Anthropic and was dropped',
      'presence_penalty is not supported by Anthropic and was dropped',
    ]);
  });
});
