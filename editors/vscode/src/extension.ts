import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

import { DOCUMENT_SELECTOR, serverCommand, serverSettings } from "./settings";

let client: LanguageClient | undefined;

function currentSettings() {
  const configuration = vscode.workspace.getConfiguration("tactful");
  return { tactful: serverSettings((key) => configuration.get(key)) };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const { command, args } = serverCommand(
    vscode.workspace.getConfiguration("tactful").get("command"),
  );
  const serverOptions: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: currentSettings(),
  };
  client = new LanguageClient("tactful", "tactful", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!client || !event.affectsConfiguration("tactful")) {
        return;
      }
      if (event.affectsConfiguration("tactful.command")) {
        await client.restart();
        return;
      }
      // Only the server's own keys, in the shape it reads (not VS Code's whole section).
      await client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: currentSettings(),
      });
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
