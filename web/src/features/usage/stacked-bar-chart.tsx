import { useEffect, useRef, useState } from 'react';
import type { ChartSeries } from './chart-series';

/** Colours that read on both themes; the sixth group onward ("Other") is grey. */
const palette = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#94a3b8'];
const height = 240;
const margin = { top: 10, right: 12, bottom: 28, left: 56 };

/** The element's width, following resizes (phones rotate, sidebars collapse): the SVG is drawn in real pixels. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.floor(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * A hand-written stacked bar chart: one bar per time bucket, one colour per group, a hover title per segment.
 * `format` renders values (axis and titles); `bucket` decides how times are labelled.
 */
export function StackedBarChart({
  series,
  format,
  bucket,
  label,
}: {
  series: ChartSeries;
  format: (value: number) => string;
  bucket: 'hour' | 'day';
  label: string;
}) {
  const { ref, width } = useWidth();
  const { starts, groups } = series;
  const totals = starts.map((_, position) => groups.reduce((sum, group) => sum + (group.values[position] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / Math.max(1, starts.length);
  const barWidth = Math.max(1, slot * 0.75);
  const y = (value: number) => margin.top + plotHeight - (max === 0 ? 0 : (value / max) * plotHeight);
  const ticks = [0, max / 2, max];
  const labelEvery = Math.max(1, Math.ceil(starts.length / Math.max(2, Math.floor(plotWidth / 70))));
  const timeLabel = (start: number) =>
    bucket === 'hour'
      ? new Date(start).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
      : new Date(start).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

  return (
    <div className="chart" ref={ref}>
      <svg width={width} height={height} role="img" aria-label={label} className="chart-svg">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={margin.left - 6} y={y(tick) + 4} textAnchor="end" className="chart-axis">
              {format(tick)}
            </text>
          </g>
        ))}
        {starts.map((start, position) => {
          let base = 0;
          const x = margin.left + position * slot + (slot - barWidth) / 2;
          return (
            <g key={start}>
              {groups.map((group, groupIndex) => {
                const value = group.values[position] ?? 0;
                if (value === 0) return null;
                const top = y(base + value);
                const bottom = y(base);
                base += value;
                return (
                  <rect
                    key={group.id}
                    x={x}
                    y={top}
                    width={barWidth}
                    height={Math.max(1, bottom - top)}
                    fill={palette[Math.min(groupIndex, palette.length - 1)]}
                  >
                    <title>{`${timeLabel(start)} · ${group.label}: ${format(value)}`}</title>
                  </rect>
                );
              })}
              {position % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={height - 8} textAnchor="middle" className="chart-axis">
                  {timeLabel(start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend">
        {groups.map((group, groupIndex) => (
          <li key={group.id}>
            <span className="chart-swatch" style={{ background: palette[Math.min(groupIndex, palette.length - 1)] }} />
            {group.label} <span className="muted">{format(group.total)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A round axis maximum (1, 2, 5 × 10ⁿ) above the data. */
function niceMax(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((candidate) => candidate * power >= value) ?? 10;
  return step * power;
}
