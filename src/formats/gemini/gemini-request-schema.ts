import { z } from 'zod';

/**
 * Partial schemas of a Gemini `generateContent` request body (REST camelCase, after `normalizeGeminiKeys`),
 * after `Content`, `Part`, `Tool`, `ToolConfig` and `GenerationConfig` in @google/genai. Only the fields we
 * read are checked; unknown fields pass through.
 */
const blobSchema = z.looseObject({ mimeType: z.string().min(1), data: z.string() });
const fileDataSchema = z.looseObject({
  mimeType: z.string().optional(),
  fileUri: z.string().min(1),
  displayName: z.string().optional(),
});
const objectSchema = z.record(z.string(), z.unknown());

export const geminiPartSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: blobSchema.optional(),
  fileData: fileDataSchema.optional(),
  functionCall: z
    .looseObject({ name: z.string().min(1), args: objectSchema.nullish(), id: z.string().optional() })
    .optional(),
  functionResponse: z
    .looseObject({
      name: z.string().min(1),
      response: objectSchema.nullish(),
      id: z.string().optional(),
      parts: z
        .array(z.looseObject({ inlineData: blobSchema.optional(), fileData: fileDataSchema.optional() }))
        .optional(),
    })
    .optional(),
});

export type GeminiRequestPart = z.infer<typeof geminiPartSchema>;

export const geminiContentSchema = z.looseObject({
  role: z.string().optional(),
  parts: z.array(geminiPartSchema),
});

export type GeminiRequestContent = z.infer<typeof geminiContentSchema>;

const functionDeclarationSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: objectSchema.optional(),
  parametersJsonSchema: z.unknown().optional(),
});

export const geminiToolSchema = z.looseObject({
  functionDeclarations: z.array(functionDeclarationSchema).optional(),
});

export const geminiToolConfigSchema = z.looseObject({
  functionCallingConfig: z
    .looseObject({ mode: z.string().optional(), allowedFunctionNames: z.array(z.string()).optional() })
    .optional(),
});

export const geminiGenerationConfigSchema = z.looseObject({
  maxOutputTokens: z.number().int().positive().optional(),
  temperature: z.number().optional(),
  topP: z.number().optional(),
  topK: z.number().optional(),
  seed: z.number().int().optional(),
  stopSequences: z.array(z.string()).optional(),
  candidateCount: z.number().int().optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  responseMimeType: z.string().optional(),
  responseSchema: objectSchema.optional(),
  responseJsonSchema: z.unknown().optional(),
  responseModalities: z.array(z.string()).optional(),
  responseLogprobs: z.boolean().optional(),
  thinkingConfig: z
    .looseObject({
      thinkingBudget: z.number().int().optional(),
      includeThoughts: z.boolean().optional(),
      thinkingLevel: z.string().optional(),
    })
    .optional(),
});

export type GeminiGenerationConfigInput = z.infer<typeof geminiGenerationConfigSchema>;

export const geminiRequestSchema = z.looseObject({
  model: z.string().optional(),
  contents: z.array(geminiContentSchema),
  systemInstruction: z.union([z.string(), z.looseObject({ parts: z.array(geminiPartSchema) })]).optional(),
  tools: z.array(geminiToolSchema).optional(),
  toolConfig: geminiToolConfigSchema.optional(),
  generationConfig: geminiGenerationConfigSchema.optional(),
  safetySettings: z.array(z.unknown()).optional(),
  cachedContent: z.string().optional(),
});

export type GeminiRequest = z.infer<typeof geminiRequestSchema>;
