/**
 * Edits just the parts of a TOML file OmniRoute owns (a few top-level keys and one table), leaving every other
 * line, comment and table of the user's file exactly as it was. Values are strings only; JSON string escapes are
 * valid TOML basic-string escapes. The result is parsed back by the caller before anything is written.
 */
export function patchToml(text: string, topLevel: Record<string, string>, table: string, body: Record<string, string>) {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const headers = tableHeaderLines(lines);
  const firstHeader = headers[0]?.index ?? lines.length;

  const top = lines.slice(0, firstHeader);
  const rest = lines.slice(firstHeader);
  for (const [key, value] of Object.entries(topLevel)) {
    const line = `${key} = ${JSON.stringify(value)}`;
    const at = top.findIndex((existing) => keyOf(existing) === key);
    if (at >= 0) top[at] = line;
    else {
      // Keep top-level keys together, before the blank line that usually separates them from the first table.
      let insertAt = top.length;
      while (insertAt > 0 && top[insertAt - 1]!.trim() === '') insertAt--;
      top.splice(insertAt, 0, line);
    }
  }
  if (rest.length > 0 && top.length > 0 && top.at(-1)!.trim() !== '') top.push('');

  const block = [`[${table}]`, ...Object.entries(body).map(([key, value]) => `${key} = ${JSON.stringify(value)}`)];
  const restHeaders = tableHeaderLines(rest);
  const own = restHeaders.findIndex((header) => header.name === table);
  if (own >= 0) {
    const start = restHeaders[own]!.index;
    let end = restHeaders[own + 1]?.index ?? rest.length;
    // Leave the blank lines and comments that lead into the next table where they are.
    while (end > start + 1 && (rest[end - 1]!.trim() === '' || rest[end - 1]!.trim().startsWith('#'))) end--;
    rest.splice(start, end - start, ...block);
  } else {
    if (rest.length > 0 && rest.at(-1)!.trim() !== '') rest.push('');
    if (rest.length === 0 && top.length > 0 && top.at(-1)!.trim() !== '') rest.push('');
    rest.push(...block);
  }
  return `${[...top, ...rest].join('\n')}\n`;
}

function keyOf(line: string): string | undefined {
  const match = /^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=/.exec(line);
  if (match?.[1] === undefined) return undefined;
  return match[1].replace(/^["']|["']$/g, '');
}

/** Table headers (`[a.b]`, `[[a]]`), skipping lines inside multi-line strings, which may start with `[` too. */
function tableHeaderLines(lines: string[]): { index: number; name: string }[] {
  const headers: { index: number; name: string }[] = [];
  let open: '"""' | "'''" | null = null;
  lines.forEach((line, index) => {
    if (open === null) {
      const header = /^\s*\[\[?\s*([A-Za-z0-9_.\-"' ]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
      if (header?.[1] !== undefined) {
        headers.push({ index, name: header[1].replace(/\s*\.\s*/g, '.').replace(/["']/g, '') });
        return;
      }
    }
    for (const quote of ['"""', "'''"] as const) {
      const count = line.split(quote).length - 1;
      if (count % 2 === 1 && (open === null || open === quote)) open = open === null ? quote : null;
    }
  });
  return headers;
}
