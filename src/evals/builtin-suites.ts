import { type EvalSuite, evalSuiteInputSchema, toSuiteDefinition } from './eval-suite.js';

/**
 * Suites that ship with the gateway (read-only; copy one into a suite of your own to change it). Kept as data and
 * validated by the same schema as user suites, so a broken built-in fails the unit tests, not a user's run.
 */
const definitions: unknown[] = [
  {
    name: 'instruction-following',
    description: 'Does the model follow simple formatting and wording instructions?',
    cases: [
      {
        name: 'one word',
        prompt: 'Reply with the single word OK and nothing else.',
        checks: [{ type: 'regex', pattern: '^\\W*ok\\W*$', flags: 'i' }],
      },
      {
        name: 'uppercase',
        prompt: 'Write the name of the capital of France in uppercase letters only, without punctuation.',
        checks: [{ type: 'contains', value: 'PARIS', caseSensitive: true }],
      },
      {
        name: 'avoid a word',
        prompt: 'Describe the sky on a clear day in one sentence without using the word "blue".',
        checks: [{ type: 'not_contains', value: 'blue' }],
      },
      {
        name: 'system prompt',
        system: 'You are a terse assistant. Always end your answer with the exact marker [done].',
        prompt: 'What is 2 + 2?',
        checks: [
          { type: 'contains', value: '4' },
          { type: 'regex', pattern: '\\[done\\]\\s*$' },
        ],
      },
    ],
  },
  {
    name: 'json-output',
    description: 'Can the model answer in valid JSON of a requested shape?',
    cases: [
      {
        name: 'json object mode',
        prompt: 'Return a JSON object with a key "ok" set to true. Output only JSON.',
        responseFormat: { type: 'json_object' },
        checks: [
          { type: 'valid_json' },
          { type: 'json_schema', schema: { type: 'object', required: ['ok'], properties: { ok: { enum: [true] } } } },
        ],
      },
      {
        name: 'typed record',
        prompt:
          'Return only JSON, no prose: an object describing the planet Mars with "name" (string), "moons" (integer) ' +
          'and "rocky" (boolean).',
        checks: [
          {
            type: 'json_schema',
            schema: {
              type: 'object',
              required: ['name', 'moons', 'rocky'],
              properties: { name: { type: 'string' }, moons: { type: 'integer' }, rocky: { type: 'boolean' } },
            },
          },
        ],
      },
      {
        name: 'array of strings',
        prompt: 'Return only a JSON array of the three primary colors of light as lowercase strings.',
        checks: [
          {
            type: 'json_schema',
            schema: { type: 'array', items: { type: 'string', enum: ['red', 'green', 'blue'] } },
          },
        ],
      },
    ],
  },
  {
    name: 'tool-calling',
    description: 'Does the model call the right tool with the right arguments?',
    cases: [
      {
        name: 'weather lookup',
        prompt: 'What is the weather in Paris right now?',
        tools: [weatherTool()],
        checks: [{ type: 'tool_call', name: 'get_weather', arguments: { location: 'Paris' } }],
      },
      {
        name: 'forced tool',
        prompt: 'Look up the weather for Paris.',
        tools: [weatherTool()],
        toolChoice: 'required',
        checks: [{ type: 'tool_call', name: 'get_weather' }],
      },
      {
        name: 'no tool needed',
        prompt: 'Say hello. Do not call any tool.',
        tools: [weatherTool()],
        toolChoice: 'none',
        checks: [{ type: 'regex', pattern: '\\w' }],
      },
    ],
  },
];

function weatherTool() {
  return {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
    },
  };
}

/** Built-in suites use their name as their id, prefixed so they never collide with stored suites' UUIDs. */
export const builtinSuites: readonly EvalSuite[] = definitions.map((definition) => ({
  ...toSuiteDefinition(evalSuiteInputSchema.parse(definition)),
  id: `builtin:${(definition as { name: string }).name}`,
  builtIn: true,
  createdAt: 0,
  updatedAt: 0,
}));
