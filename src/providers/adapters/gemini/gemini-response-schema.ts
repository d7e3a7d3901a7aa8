import { z } from 'zod';

/**
 * Partial schemas of what Gemini sends back (`GenerateContentResponse` in @google/genai): only the fields we
 * read are checked, everything else passes through untouched.
 */
export const geminiResponsePartSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: z.looseObject({ mimeType: z.string().optional(), data: z.string().optional() }).optional(),
  functionCall: z
    .looseObject({
      name: z.string().optional(),
      args: z.record(z.string(), z.unknown()).nullish(),
      id: z.string().optional(),
    })
    .optional(),
});

export type GeminiResponsePart = z.infer<typeof geminiResponsePartSchema>;

export const geminiUsageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().optional(),
  candidatesTokenCount: z.number().optional(),
  cachedContentTokenCount: z.number().optional(),
  thoughtsTokenCount: z.number().optional(),
  toolUsePromptTokenCount: z.number().optional(),
  totalTokenCount: z.number().optional(),
});

export type GeminiUsageMetadata = z.infer<typeof geminiUsageMetadataSchema>;

export const geminiErrorBodySchema = z.looseObject({
  code: z.number().optional(),
  message: z.string().optional(),
  status: z.string().optional(),
});

export const geminiResponseSchema = z.looseObject({
  candidates: z
    .array(
      z.looseObject({
        content: z.looseObject({ parts: z.array(geminiResponsePartSchema).optional() }).optional(),
        finishReason: z.string().optional(),
      }),
    )
    .optional(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional() }).optional(),
  usageMetadata: geminiUsageMetadataSchema.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
  createTime: z.string().optional(),
  /** A stream event may carry an error instead of a response. */
  error: geminiErrorBodySchema.optional(),
});

export type GeminiResponse = z.infer<typeof geminiResponseSchema>;
