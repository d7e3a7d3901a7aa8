/**
 * The audio containers every transcription upstream accepts (OpenAI's list: mp3 mp4 mpeg mpga m4a wav webm, plus
 * flac, ogg, oga and opus), by file extension and by content type, each with the content type sent upstream.
 */
const byExtension: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  mpeg: 'audio/mpeg',
  mpga: 'audio/mpeg',
  mp4: 'audio/mp4',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  webm: 'audio/webm',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
};

/** Content types browsers and tools label these files with, mapped to the extension an upstream expects. */
const extensionByType: Readonly<Record<string, string>> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mpga': 'mp3',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'video/mp4': 'mp4',
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/ogg': 'ogg',
  'application/ogg': 'ogg',
  'audio/opus': 'opus',
};

export const acceptedAudioExtensions: readonly string[] = Object.keys(byExtension);

export interface AudioFormat {
  /** The upload's name, with an accepted extension (OpenAI tells the format by it). */
  filename: string;
  /** The content type to send upstream (Deepgram and AssemblyAI read the raw body by it). */
  contentType: string;
}

/**
 * The format of an upload, by its extension or else its content type; undefined when neither is an accepted audio
 * format. A name without a known extension (`blob`) gets the one its content type implies.
 */
export function audioFormatOf(filename: string, contentType: string | undefined): AudioFormat | undefined {
  const dot = filename.lastIndexOf('.');
  const extension = dot === -1 ? '' : filename.slice(dot + 1).toLowerCase();
  const type = contentType?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  // Own keys only: a name ending in `.constructor` must not find Object's prototype.
  const known = Object.hasOwn(byExtension, extension) ? byExtension[extension] : undefined;
  const implied = Object.hasOwn(extensionByType, type) ? extensionByType[type] : undefined;
  if (known !== undefined) return { filename, contentType: implied === undefined ? known : type };
  if (implied === undefined) return undefined;
  const base = filename.trim() === '' ? 'audio' : filename;
  return { filename: `${base}.${implied}`, contentType: type };
}
