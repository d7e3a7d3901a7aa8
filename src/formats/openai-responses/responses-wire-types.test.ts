import type {
  Response,
  ResponseFunctionToolCall,
  ResponseOutputMessage,
  ResponseReasoningItem,
  ResponseUsage,
} from 'openai/resources/responses/responses';
import { expectTypeOf, it } from 'vitest';
import type {
  WireFunctionCallItem,
  WireMessageItem,
  WireReasoningItem,
  WireResponse,
  WireUsage,
} from './responses-wire-types.js';

// Checked by `tsc --noEmit` (tests are type-checked): a missing required field or a wrong literal fails the build.
it('writes shapes the official SDK types accept', () => {
  expectTypeOf<WireResponse>().toExtend<Response>();
  expectTypeOf<WireMessageItem>().toExtend<ResponseOutputMessage>();
  expectTypeOf<WireReasoningItem>().toExtend<ResponseReasoningItem>();
  expectTypeOf<WireFunctionCallItem>().toExtend<ResponseFunctionToolCall>();
  expectTypeOf<WireUsage>().toExtend<ResponseUsage>();
});
