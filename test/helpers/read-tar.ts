import { gunzipSync } from 'node:zlib';

export interface TarFile {
  name: string;
  size: number;
  data: Buffer;
}

/** Reads a .tar.gz (ustar regular files only): enough to check what an export holds. */
export function readTarGz(archive: Buffer): TarFile[] {
  const tar = gunzipSync(archive);
  const files: TarFile[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('ascii')
        .replace(/\0.*$/s, '');
    const stored = Number.parseInt(field(148, 8).trim(), 8);
    let sum = 0;
    for (let index = 0; index < 512; index += 1) sum += index >= 148 && index < 156 ? 32 : (header[index] ?? 0);
    if (sum !== stored) throw new Error(`bad tar header checksum at ${offset}`);
    if (field(257, 6) !== 'ustar') throw new Error('not a ustar archive');
    const size = Number.parseInt(field(124, 12).trim(), 8);
    const name = field(0, 100);
    files.push({ name, size, data: tar.subarray(offset + 512, offset + 512 + size) });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
