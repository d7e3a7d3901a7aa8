import { z } from 'zod';
import { jsonSchemaSchema } from './json-schema-check.js';

/** Eval suites: named lists of cases, each a prompt (or message list) and the checks its answer must pass. */

const caseSensitive = z.boolean().default(false);

const regexCheck = z
  .object({
    type: z.literal('regex'),
    pattern: z.string().min(1).max(2000),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'may only hold the flags i, m, s and u')
      .optional(),
  })
  .strict()
  .refine((check) => compiles(check.pattern, check.flags), { message: 'is not a valid regular expression' });

export const evalCheckSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('contains'), value: z.string().min(1), caseSensitive }).strict(),
  z.object({ type: z.literal('not_contains'), value: z.string().min(1), caseSensitive }).strict(),
  regexCheck,
  /** The whole answer, trimmed, equals `value` (case-sensitive unless told otherwise). */
  z.object({ type: z.literal('exact'), value: z.string(), caseSensitive: z.boolean().default(true) }).strict(),
  z.object({ type: z.literal('valid_json') }).strict(),
  z.object({ type: z.literal('json_schema'), schema: jsonSchemaSchema }).strict(),
  /** A call to the tool `name`; `arguments` must be a subset of the call's arguments (deep, JSON equality). */
  z
    .object({
      type: z.literal('tool_call'),
      name: z.string().min(1),
      arguments: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  z.object({ type: z.literal('max_latency_ms'), value: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('max_cost_usd'), value: z.number().nonnegative() }).strict(),
]);

export type EvalCheck = z.infer<typeof evalCheckSchema>;

/** OpenAI chat messages: validated for role and presence of content, the rest passed through as sent. */
const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(z.unknown()), z.null()]),
});

export const evalCaseSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    prompt: z.string().min(1).max(100_000).optional(),
    messages: z.array(messageSchema).min(1).max(200).optional(),
    system: z.string().min(1).max(100_000).optional(),
    /** OpenAI tool definitions (`{type: 'function', function: {name, parameters}}`). */
    tools: z.array(z.record(z.string(), z.unknown())).min(1).max(128).optional(),
    toolChoice: z.union([z.enum(['auto', 'required', 'none']), z.record(z.string(), z.unknown())]).optional(),
    /** OpenAI `response_format`, e.g. `{type: 'json_object'}`. */
    responseFormat: z.record(z.string(), z.unknown()).optional(),
    maxTokens: z.number().int().positive().max(1_000_000).optional(),
    temperature: z.number().min(0).max(2).optional(),
    checks: z.array(evalCheckSchema).min(1, 'a case needs at least one check').max(50),
  })
  .strict()
  .refine((value) => (value.prompt === undefined) !== (value.messages === undefined), {
    message: 'give either prompt or messages (exactly one)',
  });

export type EvalCaseInput = z.infer<typeof evalCaseSchema>;
/** A case with its name settled (`case N` when none was given). */
export type EvalCase = EvalCaseInput & { name: string };

export const evalSuiteInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[^/\s]{1,100}$/, 'must be 1-100 characters without spaces or "/"'),
    description: z.string().trim().max(2000).optional(),
    cases: z.array(evalCaseSchema).min(1, 'a suite needs at least one case').max(1000),
  })
  .strict()
  .superRefine((suite, context) => {
    const seen = new Set<string>();
    for (const [index, entry] of suite.cases.entries()) {
      const name = entry.name ?? caseName(index);
      if (seen.has(name)) {
        context.addIssue({ code: 'custom', path: ['cases', index, 'name'], message: `duplicate case name '${name}'` });
      }
      seen.add(name);
    }
  });

export type EvalSuiteInput = z.infer<typeof evalSuiteInputSchema>;

/** A suite as stored and run: every case named. */
export interface EvalSuiteDefinition {
  name: string;
  description?: string;
  cases: EvalCase[];
}

export interface EvalSuite extends EvalSuiteDefinition {
  id: string;
  builtIn: boolean;
  createdAt: number;
  updatedAt: number;
}

export function toSuiteDefinition(input: EvalSuiteInput): EvalSuiteDefinition {
  return {
    name: input.name,
    ...(input.description === undefined ? {} : { description: input.description }),
    cases: input.cases.map((entry, index) => ({ ...entry, name: entry.name ?? caseName(index) })),
  };
}

const caseName = (index: number) => `case ${index + 1}`;

function compiles(pattern: string, flags: string | undefined): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}
