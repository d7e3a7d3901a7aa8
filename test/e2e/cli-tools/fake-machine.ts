import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp HOME and a temp PATH holding fake tool binaries (shell scripts), so detection never sees the real machine. */
export interface FakeMachine {
  home: string;
  bin: string;
  env: Record<string, string>;
  addBinary(name: string, options?: { executable?: boolean; script?: string }): void;
  remove(): void;
}

export function fakeMachine(): FakeMachine {
  const root = mkdtempSync(join(tmpdir(), 'omniroute-cli-tools-'));
  const home = join(root, 'home');
  const bin = join(root, 'bin');
  mkdirSync(home);
  mkdirSync(bin);
  return {
    home,
    bin,
    env: { HOME: home, PATH: bin },
    addBinary(name, { executable = true, script = `echo "${name} 1.2.3"` } = {}) {
      const file = join(bin, name);
      writeFileSync(file, `#!/bin/sh\n${script}\n`);
      chmodSync(file, executable ? 0o755 : 0o644);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
