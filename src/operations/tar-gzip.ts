import { createReadStream } from 'node:fs';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

export interface TarEntry {
  /** Path inside the archive (ASCII, under 100 bytes). */
  name: string;
  mtime: Date;
  /** In-memory content, or a file streamed from disk (its size must not change while it is read). */
  content: { data: Buffer } | { file: string; size: number };
}

const block = 512;

/**
 * A gzip-compressed ustar archive streamed entry by entry, so a large database is never held in memory. A tar writer
 * is a few dozen lines (one 512-byte header per file, data padded to 512, two zero blocks at the end), cheaper than a
 * dependency. Format: https://www.gnu.org/software/tar/manual/html_node/Standard.html
 */
export function createTarGzip(entries: readonly TarEntry[]): Readable {
  const output = new PassThrough();
  pipeline(Readable.from(tarChunks(entries)), createGzip(), output, (error) => {
    if (error) output.destroy(error);
  });
  return output;
}

async function* tarChunks(entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    const size = 'data' in entry.content ? entry.content.data.length : entry.content.size;
    yield tarHeader(entry.name, size, entry.mtime);
    if ('data' in entry.content) {
      yield entry.content.data;
    } else {
      let written = 0;
      for await (const chunk of createReadStream(entry.content.file)) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (written !== size) throw new Error(`${entry.name} changed size while it was archived`);
    }
    const padding = (block - (size % block)) % block;
    if (padding > 0) yield Buffer.alloc(padding);
  }
  yield Buffer.alloc(block * 2);
}

function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) >= 100 || !/^[\x20-\x7e]+$/.test(name)) throw new Error(`unsupported tar name ${name}`);
  const header = Buffer.alloc(block);
  header.write(name, 0, 'ascii');
  writeOctal(header, 0o600, 100, 8); // mode
  writeOctal(header, 0, 108, 8); // uid
  writeOctal(header, 0, 116, 8); // gid
  writeOctal(header, size, 124, 12);
  writeOctal(header, Math.floor(mtime.getTime() / 1000), 136, 12);
  header.fill(' ', 148, 156); // the checksum is computed with its own field as spaces
  header.write('0', 156, 'ascii'); // regular file
  header.write('ustar\u000000', 257, 'ascii');
  header.write('omniroute', 265, 'ascii'); // owner name
  header.write('omniroute', 297, 'ascii'); // group name
  let checksum = 0;
  for (const byte of header) checksum += byte;
  header.write(`${checksum.toString(8).padStart(6, '0')}\u0000 `, 148, 'ascii');
  return header;
}

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, 'ascii');
}
