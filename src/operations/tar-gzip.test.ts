import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { readTarGz } from '../../test/helpers/read-tar.js';
import { createTarGzip } from './tar-gzip.js';

describe('createTarGzip', () => {
  it('writes a ustar archive of in-memory and on-disk entries at any size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omniroute-tar-'));
    try {
      const file = join(dir, 'data.bin');
      const big = Buffer.alloc(512 * 3 + 7, 5);
      writeFileSync(file, big);
      const mtime = new Date('2025-01-02T03:04:05Z');
      const archive = await buffer(
        createTarGzip([
          { name: 'empty.txt', mtime, content: { data: Buffer.alloc(0) } },
          { name: 'exact.txt', mtime, content: { data: Buffer.alloc(512, 1) } },
          { name: 'dir/data.bin', mtime, content: { file, size: big.length } },
        ]),
      );
      const files = readTarGz(archive);
      expect(files.map(({ name, size }) => ({ name, size }))).toEqual([
        { name: 'empty.txt', size: 0 },
        { name: 'exact.txt', size: 512 },
        { name: 'dir/data.bin', size: big.length },
      ]);
      expect(files[2]!.data.equals(big)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the stream when a file changes size while archived', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omniroute-tar-'));
    try {
      const file = join(dir, 'data.bin');
      writeFileSync(file, 'abc');
      const stream = createTarGzip([{ name: 'data.bin', mtime: new Date(), content: { file, size: 10 } }]);
      await expect(buffer(stream)).rejects.toThrow(/changed size/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
