/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): it throws on anything a Prometheus
 * server would reject, so a test that parses `/metrics` proves the output is scrapeable.
 * https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: PrometheusSample[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$/;
const suffixes: Record<PrometheusFamily['type'], string[]> = {
  counter: ['', '_total'],
  gauge: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
  untyped: [''],
};

export function parsePrometheusText(text: string): Map<string, PrometheusFamily> {
  const families = new Map<string, PrometheusFamily>();
  const seenSeries = new Set<string>();
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error('exposition must end with a newline');
  for (const [index, line] of lines.entries()) {
    const where = `line ${index + 1}: ${line}`;
    if (line === '') continue;
    if (line.startsWith('#')) {
      const [, keyword, name, ...rest] = line.split(' ');
      if (keyword !== 'HELP' && keyword !== 'TYPE') continue;
      if (name === undefined || !metricName.test(name)) throw new Error(`bad metric name, ${where}`);
      const family = families.get(name) ?? { name, type: 'untyped', help: '', samples: [] };
      if (keyword === 'HELP') family.help = rest.join(' ');
      else {
        if (family.samples.length > 0) throw new Error(`TYPE after samples, ${where}`);
        const type = rest[0] as PrometheusFamily['type'];
        if (!(type in suffixes)) throw new Error(`bad type, ${where}`);
        family.type = type;
      }
      families.set(name, family);
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`bad sample, ${where}`);
    const [, name = '', , labelText = '', valueText = ''] = match;
    const family = [...families.values()].find((candidate) =>
      suffixes[candidate.type].some((suffix) => `${candidate.name}${suffix}` === name),
    );
    if (family === undefined) throw new Error(`sample without a declared family, ${where}`);
    const labels = parseLabels(labelText, where);
    const value = parseValue(valueText, where);
    const series = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seenSeries.has(series)) throw new Error(`duplicate series, ${where}`);
    seenSeries.add(series);
    family.samples.push({ name, labels, value });
  }
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

function parseLabels(text: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = /^([^=]+)="((?:[^"\\]|\\["\\n])*)"(,|$)/.exec(rest);
    if (!match) throw new Error(`bad labels, ${where}`);
    const [whole, name = '', raw = ''] = match;
    if (!labelName.test(name)) throw new Error(`bad label name ${name}, ${where}`);
    if (name in labels) throw new Error(`repeated label ${name}, ${where}`);
    labels[name] = raw.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    rest = rest.slice(whole.length);
  }
  return labels;
}

function parseValue(text: string, where: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new Error(`bad value, ${where}`);
  return value;
}

/** Buckets are cumulative (never decreasing with `le`), end at +Inf, and +Inf equals _count. */
function checkHistogram(family: PrometheusFamily): void {
  const series = new Map<string, PrometheusSample[]>();
  for (const sample of family.samples) {
    const { le: _le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    series.set(key, [...(series.get(key) ?? []), sample]);
  }
  for (const samples of series.values()) {
    const buckets = samples.filter((sample) => sample.name.endsWith('_bucket'));
    const count = samples.find((sample) => sample.name.endsWith('_count'));
    let previous = -1;
    let previousLe = Number.NEGATIVE_INFINITY;
    for (const bucket of buckets) {
      const le = parseValue(bucket.labels.le ?? '', `${family.name} le`);
      if (le <= previousLe || bucket.value < previous) throw new Error(`${family.name}: buckets not cumulative`);
      previous = bucket.value;
      previousLe = le;
    }
    if (previousLe !== Number.POSITIVE_INFINITY) throw new Error(`${family.name}: no +Inf bucket`);
    if (count?.value !== previous) throw new Error(`${family.name}: +Inf bucket differs from _count`);
  }
}

/** The value of one series, or undefined. */
export function sampleValue(
  families: Map<string, PrometheusFamily>,
  name: string,
  labels: Record<string, string>,
): number | undefined {
  for (const family of families.values()) {
    const sample = family.samples.find(
      (candidate) =>
        candidate.name === name && Object.entries(labels).every(([key, value]) => candidate.labels[key] === value),
    );
    if (sample !== undefined) return sample.value;
  }
  return undefined;
}
