// Drives the real `tactful lsp` through vscode-jsonrpc (the transport vscode-languageclient
// uses), as the extension would, with no VS Code download. The server command comes from
// TACTFUL_LSP_COMMAND (a JSON array), else the repository's .venv, else `tactful lsp`.
import { strict as assert } from "node:assert";
import { spawn, ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";

import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";

import { DOCUMENT_SELECTOR, serverCommand, serverSettings } from "../settings";

interface Position {
  line: number;
  character: number;
}
interface Diagnostic {
  range: { start: Position; end: Position };
  code?: string;
  source?: string;
  severity?: number;
  codeDescription?: { href: string };
}

function commandLine(): string[] {
  if (process.env.TACTFUL_LSP_COMMAND) {
    return JSON.parse(process.env.TACTFUL_LSP_COMMAND) as string[];
  }
  const venvPython = resolve(__dirname, "../../../../.venv/bin/python");
  return existsSync(venvPython) ? [venvPython, "-m", "tactful.lsp"] : ["tactful", "lsp"];
}

let server: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
let workspace: string;
const published = new Map<string, Diagnostic[]>();
const waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), "tactful-vscode-"));
  const [command, ...args] = commandLine();
  server = spawn(command, args, {
    env: { ...process.env, XDG_CONFIG_HOME: join(workspace, "config-home") },
  });
  connection = createMessageConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  connection.onNotification(
    "textDocument/publishDiagnostics",
    (params: { uri: string; diagnostics: Diagnostic[] }) => {
      published.set(params.uri, params.diagnostics);
      waiting.get(params.uri)?.(params.diagnostics);
    },
  );
  connection.listen();
  // VS Code's client states no position encodings: the server must use UTF-16.
  const result = (await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { tactful: serverSettings((key) => ({ "debounce-ms": 0 })[key]) },
  })) as { capabilities: { positionEncoding?: string } };
  assert.equal(result.capabilities.positionEncoding, "utf-16");
  await connection.sendNotification("initialized", {});
});

after(async () => {
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  connection.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

function diagnosticsFor(uri: string, text: string): Promise<Diagnostic[]> {
  const received = new Promise<Diagnostic[]>((resolveDiagnostics, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 20000);
    waiting.set(uri, (diagnostics) => {
      clearTimeout(timer);
      resolveDiagnostics(diagnostics);
    });
  });
  void connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "plaintext", version: 1, text },
  });
  return received;
}

test("diagnostics after an emoji are in UTF-16 code units", async () => {
  const uri = pathToFileURL(join(workspace, "draft.txt")).href;
  const text = "Hi Dr. Patel,\n\nThanks 😀 gonna send it.\n\nBest,\nSam\n";
  const diagnostics = await diagnosticsFor(uri, text);
  const byCode = new Map(diagnostics.map((d) => [d.code, d]));
  const emoji = byCode.get("EMO001");
  const slang = byCode.get("INF001");
  assert.ok(emoji && slang, JSON.stringify(diagnostics));
  assert.deepEqual(emoji.range, {
    start: { line: 2, character: 7 },
    end: { line: 2, character: 9 },
  });
  assert.deepEqual(slang.range, {
    start: { line: 2, character: 10 },
    end: { line: 2, character: 15 },
  });
  // JavaScript strings are UTF-16 too: the range selects the flagged text directly.
  const line = text.split("\n")[2];
  assert.equal(line.slice(slang.range.start.character, slang.range.end.character), "gonna");
  assert.equal(slang.source, "tactful");
  assert.match(slang.codeDescription?.href ?? "", /INF001-slang\.md$/);
});

test("a quick fix comes back as an edit", async () => {
  const uri = pathToFileURL(join(workspace, "fix.txt")).href;
  const text = "Hi Dr. Patel,\n\nI'm gonna send it.\n\nBest,\nSam\n";
  const slang = (await diagnosticsFor(uri, text)).find((d) => d.code === "INF001");
  assert.ok(slang);
  const actions = (await connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri },
    range: slang.range,
    context: { diagnostics: [slang] },
  })) as { title: string; edit?: { changes?: Record<string, { newText: string }[]> } }[];
  const fix = actions.find((a) => a.edit);
  assert.ok(fix, JSON.stringify(actions));
  assert.deepEqual(
    fix.edit?.changes?.[uri]?.map((e) => e.newText),
    ["going to"],
  );
});

test("settings sent to the server are only its own keys", () => {
  const settings = serverSettings(
    (key) =>
      ({ command: ["x"], select: ["EMO001"], ignore: null, context: {}, "debounce-ms": 50 })[key],
  );
  assert.deepEqual(settings, { select: ["EMO001"], "debounce-ms": 50 });
  assert.deepEqual(serverCommand(["/opt/venv/bin/tactful", "lsp"]), {
    command: "/opt/venv/bin/tactful",
    args: ["lsp"],
  });
  assert.deepEqual(serverCommand(undefined), { command: "tactful", args: ["lsp"] });
  assert.ok(DOCUMENT_SELECTOR.some((s) => s.language === "plaintext"));
});
