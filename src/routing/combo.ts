/** A named, ordered set of targets that a client calls like a model. */
export const comboStrategies = [
  'priority',
  'fill-first',
  'round-robin',
  'weighted',
  'random',
  'least-used',
  'cost-optimized',
] as const;

export type ComboStrategy = (typeof comboStrategies)[number];

export interface ComboTarget {
  /** `provider/model`, a bare model id, or another combo's name. */
  model: string;
  /** Serve this target from one account only. */
  connectionId?: string;
  /** For the weighted strategy (default 1). */
  weight?: number;
}

export interface ComboConfig {
  /** Upper bound on upstream attempts for one request through this combo (default: every account of every target). */
  maxAttempts?: number;
}

export interface Combo {
  id: string;
  name: string;
  strategy: ComboStrategy;
  targets: ComboTarget[];
  config: ComboConfig;
  createdAt: number;
  updatedAt: number;
}

export const maxComboDepth = 3;
