import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.js';
import { readJsonFixture } from './__fixtures__/read-fixture.js';
import { openaiResponsesCodec } from './index.js';

function parseError(body: unknown): GatewayError {
  try {
    openaiResponsesCodec.parseRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected parseRequest to throw');
}

describe('openaiResponsesCodec.parseRequest', () => {
  it('reads a string input with instructions and sampling settings', () => {
    const { value, warnings } = openaiResponsesCodec.parseRequest(readJsonFixture('request-string-input.json'));
    expect(warnings).toEqual([]);
    expect(value).toEqual({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'You are a terse assistant.' }] },
        { role: 'user', content: [{ type: 'text', text: 'What is the capital of France?' }] },
      ],
      maxOutputTokens: 256,
      temperature: 0.3,
      topP: 0.95,
      stream: false,
      user: 'user-7',
    });
  });

  it('reads an agent turn: media, reasoning with encrypted content, parallel calls and their outputs', () => {
    const { value, warnings } = openaiResponsesCodec.parseRequest(readJsonFixture('request-agent-turn.json'));
    expect(value).toEqual({
      model: 'gpt-5.1-codex',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'You are a coding agent running in a terminal.' }] },
        { role: 'system', content: [{ type: 'text', text: 'Prefer tools over guessing.' }] },
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: 'What is in this screenshot and this report? Then get the weather in Paris and Tokyo.',
            },
            {
              type: 'image',
              source: {
                kind: 'base64',
                mediaType: 'image/png',
                data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
              },
              detail: 'high',
            },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/diagram.jpg' }, detail: 'auto' },
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0xLjQKJcfsj6IKNSAwIG9iago=' },
              filename: 'report.pdf',
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            {
              type: 'reasoning',
              text:
                '**Reading the attachments**\n\nA terminal screenshot and a PDF.\n\n' +
                '**Weather lookups**\n\nTwo cities, so two parallel calls.',
              signature: 'gAAAAABoybKiZmluYWxfZW5jcnlwdGVkX3JlYXNvbmluZ19mb3JfcGFyaXNfYW5kX3Rva3lvX19fX19fX19f',
            },
            {
              type: 'tool-call',
              id: 'call_Lm3n4O5p6Q7r8S9t0U1v2W3x',
              name: 'get_weather',
              arguments: '{"city":"Paris","unit":"celsius"}',
            },
            {
              type: 'tool-call',
              id: 'call_Ab1c2D3e4F5g6H7i8J9k0L1m',
              name: 'get_weather',
              arguments: '{"city":"Tokyo","unit":"celsius"}',
            },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_Lm3n4O5p6Q7r8S9t0U1v2W3x',
              toolName: 'get_weather',
              content: [{ type: 'text', text: '18°C, light rain' }],
            },
            {
              type: 'tool-result',
              toolCallId: 'call_Ab1c2D3e4F5g6H7i8J9k0L1m',
              toolName: 'get_weather',
              content: [
                { type: 'text', text: '24°C, clear' },
                { type: 'image', source: { kind: 'url', url: 'https://example.com/tokyo-radar.png' }, detail: 'low' },
              ],
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            {
              type: 'redacted-reasoning',
              data: 'gAAAAABoybKjb3BhcXVlX3JlYXNvbmluZ193aXRob3V0X2Ffc3VtbWFyeV9fX19f',
            },
            { type: 'text', text: 'Paris: 18°C with light rain. Tokyo: 24°C and clear.' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Thanks. Now summarize everything as JSON.' }] },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Get the current weather for a city.',
          inputSchema: {
            type: 'object',
            properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
            required: ['city', 'unit'],
            additionalProperties: false,
          },
          strict: true,
        },
      ],
      toolChoice: { type: 'auto' },
      parallelToolCalls: true,
      maxOutputTokens: 4096,
      responseFormat: {
        type: 'json',
        name: 'summary',
        schema: {
          type: 'object',
          properties: { summary: { type: 'string' } },
          required: ['summary'],
          additionalProperties: false,
        },
        strict: true,
      },
      reasoning: { effort: 'high' },
      stream: true,
      user: 'hashed-user-1234',
    });
    expect(warnings).toEqual([
      'input[1].content[4]: image file_id points into OpenAI file storage, which the gateway cannot read; dropped',
      "input[9]: item_reference points into OpenAI's stored state, which the gateway cannot read; dropped",
      "input[10]: 'web_search_call' items cannot be translated to another API; dropped",
      "tools[1]: built-in tool 'web_search' only runs on OpenAI and cannot be translated; dropped",
    ]);
  });

  it('takes model and stream from hints when the body lacks them', () => {
    const { value } = openaiResponsesCodec.parseRequest({ input: 'Hi' }, { model: 'gpt-5-mini', stream: true });
    expect(value).toMatchObject({ model: 'gpt-5-mini', stream: true });
  });

  it('maps reasoning effort none to reasoning off and xhigh to high with a warning', () => {
    const off = openaiResponsesCodec.parseRequest({ model: 'm', input: 'x', reasoning: { effort: 'none' } });
    expect(off.value.reasoning).toEqual({ enabled: false });
    const max = openaiResponsesCodec.parseRequest({ model: 'm', input: 'x', reasoning: { effort: 'xhigh' } });
    expect(max.value.reasoning).toEqual({ effort: 'high' });
    expect(max.warnings).toEqual(["reasoning.effort 'xhigh' has no canonical equivalent; treated as 'high'"]);
  });

  it('maps tool choices, approximating allowed_tools by its mode', () => {
    const choose = (tool_choice: unknown) => openaiResponsesCodec.parseRequest({ model: 'm', input: 'x', tool_choice });
    expect(choose('required').value.toolChoice).toEqual({ type: 'required' });
    expect(choose({ type: 'function', name: 'get_weather' }).value.toolChoice).toEqual({
      type: 'tool',
      name: 'get_weather',
    });
    const allowed = choose({ type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'a' }] });
    expect(allowed.value.toolChoice).toEqual({ type: 'required' });
    expect(allowed.warnings).toHaveLength(1);
    expect(choose({ type: 'web_search_preview' }).value.toolChoice).toBeUndefined();
  });

  it('reads bare base64 file data and file URLs', () => {
    const { value } = openaiResponsesCodec.parseRequest({
      model: 'm',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_file', filename: 'notes.txt', file_data: 'aGVsbG8=' },
            { type: 'input_file', file_url: 'https://example.com/paper.pdf' },
          ],
        },
      ],
    });
    expect(value.messages[0]?.content).toEqual([
      { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: 'aGVsbG8=' }, filename: 'notes.txt' },
      { type: 'file', source: { kind: 'url', url: 'https://example.com/paper.pdf' } },
    ]);
  });

  it('accepts a continuation without new input only when previous_response_id is set', () => {
    const { value } = openaiResponsesCodec.parseRequest({ model: 'm', previous_response_id: 'resp_1' });
    expect(value.messages).toEqual([]);
    expect(parseError({ model: 'm' })).toMatchObject({ param: 'input', status: 400 });
  });

  it('names the field at fault in a 400', () => {
    expect(parseError('hello')).toMatchObject({ code: 'invalid_request', status: 400 });
    expect(parseError({ input: 'x' })).toMatchObject({ param: 'model' });
    expect(
      parseError({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_text', text: 3 }] }] }),
    ).toMatchObject({
      param: 'input[0].content[0].text',
    });
    expect(parseError({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_audio' }] }] })).toMatchObject({
      param: 'input[0].content[0].type',
    });
    expect(parseError({ model: 'm', input: [{ type: 'function_call', call_id: 'c', name: '' }] })).toMatchObject({
      param: 'input[0].name',
    });
    expect(parseError({ model: 'm', input: 'x', temperature: 3 })).toMatchObject({ param: 'temperature' });
    expect(parseError({ model: 'm', input: 'x', reasoning: { effort: 'extreme' } })).toMatchObject({
      param: 'reasoning.effort',
    });
    expect(parseError({ model: 'm', input: 'x', text: { format: { type: 'json_schema' } } })).toMatchObject({
      param: 'text.format.name',
    });
  });

  it('rejects features that live in OpenAI server state', () => {
    expect(parseError({ model: 'm', input: 'x', background: true })).toMatchObject({ param: 'background' });
    expect(parseError({ model: 'm', input: 'x', conversation: 'conv_1' })).toMatchObject({ param: 'conversation' });
    expect(parseError({ model: 'm', prompt: { id: 'pmpt_1' }, input: 'x' })).toMatchObject({ param: 'prompt' });
  });
});
