import type { Usage } from '../core/canonical.js';

/** Usage fields reported piecemeal across a stream (Anthropic splits input and output); later values win. */
export class UsageAccumulator {
  private value: Partial<Usage> = {};
  private seen = false;

  add(part: Partial<Usage> | undefined): void {
    if (part === undefined) return;
    this.seen = true;
    for (const [key, amount] of Object.entries(part) as Array<[keyof Usage, number | undefined]>) {
      if (amount !== undefined) this.value[key] = amount;
    }
  }

  get usage(): Usage | undefined {
    if (!this.seen) return undefined;
    return { ...this.value, inputTokens: this.value.inputTokens ?? 0, outputTokens: this.value.outputTokens ?? 0 };
  }
}
