import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../../core/canonical.js';
import { buildGeminiRequest } from './build-gemini-request.js';

function build(request: Partial<CanonicalRequest>) {
  return buildGeminiRequest({ model: 'gemini-2.5-flash', messages: [], stream: false, ...request });
}

describe('buildGeminiRequest', () => {
  it('hoists system messages, merges turns and names tool results from their calls', () => {
    const { value, warnings } = build({
      stream: true,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Two lookups.', signature: 'c2lnLXRoaW5r' },
            { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
            { type: 'tool-call', id: 'toolu_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'toolu_1', content: [{ type: 'text', text: '18°C' }] },
            {
              type: 'tool-result',
              toolCallId: 'toolu_2',
              toolName: 'get_weather',
              content: [{ type: 'text', text: 'timeout' }],
              isError: true,
            },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
        { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
      ],
    });
    expect(value.path).toBe('/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(value.body).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
        {
          role: 'model',
          parts: [
            { text: 'Two lookups.', thought: true, thoughtSignature: 'c2lnLXRoaW5r' },
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
            { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { output: '18°C' } } },
            { functionResponse: { name: 'get_weather', response: { error: 'timeout' } } },
            { text: 'And tomorrow?' },
          ],
        },
      ],
    });
    expect(warnings).toEqual(['messages[5]: a system message inside the conversation was moved to systemInstruction.']);
  });

  it('drops orphan calls and results, and images follow the function responses', () => {
    const { value, warnings } = build({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Take a screenshot' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'c1', name: 'screenshot', arguments: '{}' },
            { type: 'tool-call', id: 'c2', name: 'never_answered', arguments: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              content: [
                { type: 'text', text: 'done' },
                { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0=' } },
              ],
            },
            { type: 'tool-result', toolCallId: 'ghost', toolName: 'ghost', content: [] },
          ],
        },
      ],
    });
    expect(value.body).toMatchObject({
      contents: [
        { role: 'user' },
        { role: 'model', parts: [{ functionCall: { name: 'screenshot', args: {} } }] },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'screenshot', response: { output: 'done' } } },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0=' } },
          ],
        },
      ],
    });
    expect(warnings).toEqual([
      "messages[1]: tool call 'never_answered' (c2) has no result and was dropped.",
      "messages[2]: tool result for unknown call 'ghost' was dropped.",
    ]);
  });

  it('converts media sources: base64, data URLs and remote URLs with a guessed type', () => {
    const { value, warnings } = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { kind: 'url', url: 'data:image/jpeg;base64,/9j/4AAQ' } },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.webp?size=large' } },
            { type: 'file', source: { kind: 'url', url: 'gs://bucket/report', mediaType: 'application/pdf' } },
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' },
              filename: 'a.pdf',
            },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/render' } },
          ],
        },
      ],
    });
    expect(value.body).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } },
            { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/cat.webp?size=large' } },
            { fileData: { mimeType: 'application/pdf', fileUri: 'gs://bucket/report' } },
            { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
            { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/render' } },
          ],
        },
      ],
    });
    expect(warnings).toEqual(['No media type for image URL https://example.com/render; sent to Gemini as image/jpeg.']);
  });

  it('maps tools, tool choice, sampling, structured output and the reasoning budget table', () => {
    const { value, warnings } = build({
      tools: [
        {
          name: 'search',
          description: 'Search the web',
          inputSchema: {
            type: 'object',
            properties: { q: { type: 'string' }, site: { type: ['string', 'null'] } },
            required: ['q'],
            additionalProperties: false,
          },
          strict: true,
        },
        { name: 'now', inputSchema: { type: 'object', properties: {} } },
      ],
      toolChoice: { type: 'tool', name: 'search' },
      parallelToolCalls: false,
      maxOutputTokens: 1000,
      temperature: 0.2,
      topP: 0.9,
      topK: 20,
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      stopSequences: ['a', 'b', 'c', 'd', 'e', 'f'],
      responseFormat: { type: 'json', schema: { type: 'object', properties: { n: { const: 1 } } } },
      reasoning: { effort: 'medium' },
      user: 'user-123',
    });
    expect(value.body).toEqual({
      contents: [],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'search',
              description: 'Search the web',
              parameters: {
                type: 'object',
                properties: { q: { type: 'string' }, site: { type: 'string', nullable: true } },
                required: ['q'],
              },
            },
            { name: 'now' },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['search'] } },
      generationConfig: {
        maxOutputTokens: 1000,
        temperature: 0.2,
        topP: 0.9,
        topK: 20,
        seed: 7,
        presencePenalty: 0.1,
        frequencyPenalty: 0.2,
        stopSequences: ['a', 'b', 'c', 'd', 'e'],
        responseMimeType: 'application/json',
        responseSchema: { type: 'object', properties: { n: { type: 'string', enum: ['1'] } } },
        thinkingConfig: { thinkingBudget: 8192, includeThoughts: true },
      },
    });
    expect(warnings).toEqual([
      'Gemini has no switch for parallel function calls; parallelToolCalls: false was ignored.',
      'Gemini accepts 5 stop sequences; the rest were dropped.',
    ]);
  });

  it('documents the effort ⇄ budget table and Gemini 3 thinking levels', () => {
    const thinking = (model: string, reasoning: CanonicalRequest['reasoning']) => {
      const { value } = buildGeminiRequest({ model, messages: [], stream: false, reasoning });
      return (value.body as { generationConfig?: { thinkingConfig?: unknown } }).generationConfig?.thinkingConfig;
    };
    expect(thinking('gemini-2.5-pro', { effort: 'minimal' })).toEqual({ thinkingBudget: 512, includeThoughts: true });
    expect(thinking('gemini-2.5-pro', { effort: 'low' })).toEqual({ thinkingBudget: 1024, includeThoughts: true });
    expect(thinking('gemini-2.5-pro', { effort: 'high' })).toEqual({ thinkingBudget: 24576, includeThoughts: true });
    expect(thinking('gemini-2.5-pro', { budgetTokens: 3000, effort: 'high' })).toEqual({
      thinkingBudget: 3000,
      includeThoughts: true,
    });
    expect(thinking('gemini-2.5-flash', { enabled: true })).toEqual({ thinkingBudget: -1, includeThoughts: true });
    expect(thinking('gemini-2.5-flash', { enabled: false })).toEqual({ thinkingBudget: 0 });
    expect(thinking('gemini-3-pro-preview', { effort: 'high' })).toEqual({
      thinkingLevel: 'HIGH',
      includeThoughts: true,
    });
    expect(thinking('gemini-3-flash-preview', { budgetTokens: 900 })).toEqual({
      thinkingLevel: 'LOW',
      includeThoughts: true,
    });
    expect(thinking('gemini-3-flash-preview', { enabled: false })).toEqual({ thinkingLevel: 'MINIMAL' });
  });

  it('gives Gemini 3 function-call turns without a signature the documented bypass value', () => {
    const { value } = buildGeminiRequest({
      model: 'gemini-3-pro-preview',
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'a', name: 'f', arguments: '{}' },
            { type: 'tool-call', id: 'b', name: 'g', arguments: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'a', content: [] },
            { type: 'tool-result', toolCallId: 'b', content: [] },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 'c', name: 'f', arguments: '{}', signature: 'cmVhbA==' }],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', content: [] }] },
      ],
    });
    const contents = (value.body as { contents: Array<{ parts: Array<Record<string, unknown>> }> }).contents;
    expect(contents[1]?.parts.map((part) => part.thoughtSignature)).toEqual([
      'skip_thought_signature_validator',
      undefined,
    ]);
    expect(contents[3]?.parts[0]?.thoughtSignature).toBe('cmVhbA==');
  });

  it('moves a signature onto the text that follows its reasoning, and drops what Gemini cannot take', () => {
    const { value, warnings } = build({
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Hmm.', signature: 'c2lnMQ==' },
            { type: 'text', text: 'Answer.' },
            { type: 'redacted-reasoning', data: 'opaque' },
            { type: 'reasoning', text: '', signature: 'msg_not base64!' },
            { type: 'tool-call', id: 'x', name: 'f', arguments: '{"broken' },
          ],
        },
      ],
    });
    expect(value.body).toEqual({
      contents: [
        {
          role: 'model',
          parts: [
            { text: 'Hmm.', thought: true },
            { text: 'Answer.', thoughtSignature: 'c2lnMQ==' },
            { functionCall: { name: 'f', args: {} } },
          ],
        },
      ],
    });
    expect(warnings).toEqual([
      'Redacted reasoning has no Gemini equivalent and was dropped.',
      'A reasoning signature that is not base64 was dropped: Gemini cannot accept it.',
      "Tool call 'f' had arguments that are not a JSON object; sent as {}.",
    ]);
  });
});
