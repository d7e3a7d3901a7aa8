/** Known coding tools and agents: id, the command that runs it, a display name. Data only. */
export interface KnownTool {
  id: string;
  name: string;
  command: string;
}

export const knownTools: KnownTool[] = [
  { id: 'claude', name: 'Claude Code', command: 'claude' },
  { id: 'codex', name: 'Codex CLI', command: 'codex' },
  { id: 'gemini', name: 'Gemini CLI', command: 'gemini' },
  { id: 'opencode', name: 'OpenCode', command: 'opencode' },
  { id: 'droid', name: 'Factory Droid', command: 'droid' },
  { id: 'openclaw', name: 'OpenClaw', command: 'openclaw' },
  { id: 'qwen', name: 'Qwen Code', command: 'qwen' },
  { id: 'aider', name: 'Aider', command: 'aider' },
  { id: 'goose', name: 'Goose', command: 'goose' },
  { id: 'cursor-agent', name: 'Cursor Agent', command: 'cursor-agent' },
  { id: 'cline', name: 'Cline CLI', command: 'cline' },
  { id: 'kilocode', name: 'Kilo Code CLI', command: 'kilocode' },
];

export const findKnownTool = (id: string) => knownTools.find((tool) => tool.id === id);
