// Plain-text tables: the first column (or the first few: names) left-aligned, the others (numbers) right-aligned.

/**
 * @param {string[]} header @param {string[][]} rows
 * @param {{ indent?: string, leftAligned?: number }} [options] `leftAligned`: how many columns hold names (default 1)
 */
export function formatTable(header, rows, { indent = '  ', leftAligned = 1 } = {}) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  /** @param {string[]} cells */
  const line = (cells) =>
    indent +
    cells
      .map((cell, column) => (column < leftAligned ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** @param {number} value @param {number} digits */
export function fixed(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** @param {number} value */
export function ratio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

/** @param {number} value @param {number} digits @param {string} unit */
export function signed(value, digits, unit) {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 0 ? '+' : '-'}${Math.abs(value).toFixed(digits)} ${unit}`;
}
