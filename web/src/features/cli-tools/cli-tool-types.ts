/** The tools the gateway has a `GET /api/cli-tools/<id>-settings` route for, in the order the page shows them. */
export const cliTools = [
  { id: 'claude', name: 'Claude Code' },
  { id: 'codex', name: 'Codex' },
  { id: 'gemini', name: 'Gemini CLI' },
  { id: 'opencode', name: 'OpenCode' },
  { id: 'droid', name: 'Droid' },
  { id: 'openclaw', name: 'OpenClaw' },
] as const;

export type CliTool = (typeof cliTools)[number];

/** `GET /api/cli-tools/<id>-settings`. */
export interface ToolStatus {
  tool: string;
  installed: boolean;
  runnable: boolean;
  command: string;
  commandPath: string | null;
  reason: string | null;
  version: string | null;
  config: { path: string; exists: boolean; baseUrl: string | null; error: string | null };
  gatewayUrl: string;
  pointsAtGateway: boolean;
  setupSupported: boolean;
}

/** `POST /api/cli-tools/:toolId/setup`. */
export interface SetupResult {
  tool: string;
  file: string;
  dryRun: boolean;
  changed: boolean;
  diff: string;
  written: boolean;
  backup: string | null;
  notes: string[];
}
