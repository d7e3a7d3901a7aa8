import { describe, expect, it } from 'vitest';
import { renderRouteTrace } from './route-trace.js';

describe('renderRouteTrace', () => {
  it('renders the chosen route with its latency', () => {
    const trace = {
      strategy: 'priority',
      combo: 'coding',
      provider: 'openai',
      model: 'gpt-4.1',
      connection: 'work',
      attempts: 2,
    };
    expect(renderRouteTrace(trace, 839.6)).toBe(
      'strategy=priority; combo=coding; provider=openai; model=gpt-4.1; connection=work; attempts=2; latency_ms=840',
    );
  });

  it('leaves out what a refused request never chose, and keeps the header safe', () => {
    expect(renderRouteTrace({ strategy: 'single', attempts: 0 }, 3)).toBe('strategy=single; attempts=0; latency_ms=3');
    expect(renderRouteTrace({ strategy: 'priority', combo: 'a;b\u00e9', attempts: 0 }, 0)).toBe(
      'strategy=priority; combo=a_b_; attempts=0; latency_ms=0',
    );
  });
});
