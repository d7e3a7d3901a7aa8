import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { patchToml } from './toml-patcher.js';

describe('patchToml', () => {
  it('replaces only its own table, keeping comments, other tables and multi-line strings that look like headers', () => {
    const before = [
      '# top comment',
      'model = "o3"',
      '',
      '[model_providers.other]',
      'name = "x"',
      '',
      '# about the next table',
      '[model_providers.omniroute]',
      'base_url = "old"',
      'stale = "y"',
      '',
      '[profiles.a]',
      'notes = """',
      '[not_a_table]',
      '"""',
      '',
    ].join('\n');
    const after = patchToml(before, { model_provider: 'omniroute' }, 'model_providers.omniroute', { base_url: 'u' });
    expect(after).toBe(
      [
        '# top comment',
        'model = "o3"',
        'model_provider = "omniroute"',
        '',
        '[model_providers.other]',
        'name = "x"',
        '',
        '# about the next table',
        '[model_providers.omniroute]',
        'base_url = "u"',
        '',
        '[profiles.a]',
        'notes = """',
        '[not_a_table]',
        '"""',
        '',
      ].join('\n'),
    );
    expect(parse(after)).toMatchObject({ profiles: { a: { notes: '[not_a_table]\n' } } });
  });

  it('writes a valid file from nothing and escapes quotes', () => {
    const after = patchToml('', { model: 'a"b' }, 'model_providers.omniroute', { name: 'OmniRoute' });
    expect(after).toBe('model = "a\\"b"\n\n[model_providers.omniroute]\nname = "OmniRoute"\n');
    expect(parse(after)).toEqual({ model: 'a"b', model_providers: { omniroute: { name: 'OmniRoute' } } });
  });
});
