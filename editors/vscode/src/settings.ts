// What the extension sends to `tactful lsp`, kept free of the `vscode` module so that it
// can be tested with plain Node.

/** The part of the `tactful.*` settings the server reads (docs/editors.md lists them). */
export interface TactfulSettings {
  select?: string[] | null;
  ignore?: string[] | null;
  context?: Record<string, unknown>;
  "debounce-ms"?: number;
  "score-diagnostic"?: boolean;
}

const SERVER_KEYS = ["select", "ignore", "context", "debounce-ms", "score-diagnostic"] as const;

/** Reads the server's settings through `get` (VS Code's WorkspaceConfiguration.get). */
export function serverSettings(get: (key: string) => unknown): TactfulSettings {
  const settings: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const value = get(key);
    // null and undefined mean "as the tactful config file says": send nothing.
    if (value === null || value === undefined) {
      continue;
    }
    if (key === "context" && typeof value === "object" && Object.keys(value).length === 0) {
      continue;
    }
    settings[key] = value;
  }
  return settings as TactfulSettings;
}

/** The command line that starts the server, from the `tactful.command` setting. */
export function serverCommand(setting: unknown): { command: string; args: string[] } {
  const parts =
    Array.isArray(setting) && setting.length > 0 && setting.every((p) => typeof p === "string")
      ? (setting as string[])
      : ["tactful", "lsp"];
  return { command: parts[0], args: parts.slice(1) };
}

/** Documents the server checks: plain text, markdown and saved mail (.eml). */
export const DOCUMENT_SELECTOR = [
  { language: "plaintext" },
  { language: "markdown" },
  { scheme: "file", pattern: "**/*.eml" },
];
