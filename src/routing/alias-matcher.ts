import type { ModelAlias } from '../storage/repositories/aliases-repository.js';

/**
 * Model aliases: exact names first, then wildcard patterns (`*` any run, `?` one character). Among wildcards the
 * most specific (longest literal part) wins, so `claude-sonnet-4-*` beats `claude-*` whatever the insertion order.
 */
export class AliasMatcher {
  private readonly exact = new Map<string, string>();
  private readonly patterns: Array<{ pattern: RegExp; literal: number; target: string }> = [];

  constructor(aliases: readonly ModelAlias[]) {
    for (const { alias, target } of aliases) {
      if (isWildcard(alias)) {
        this.patterns.push({ pattern: compileWildcard(alias), literal: alias.replace(/[*?]/g, '').length, target });
      } else {
        this.exact.set(alias, target);
      }
    }
    this.patterns.sort((a, b) => b.literal - a.literal);
  }

  match(model: string): string | undefined {
    const exact = this.exact.get(model);
    if (exact !== undefined) return exact;
    // Wildcards are rare and few; a linear scan only runs when no exact alias matched.
    for (const { pattern, target } of this.patterns) if (pattern.test(model)) return target;
    return undefined;
  }
}

export function isWildcard(alias: string): boolean {
  return alias.includes('*') || alias.includes('?');
}

function compileWildcard(alias: string): RegExp {
  const source = alias
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
