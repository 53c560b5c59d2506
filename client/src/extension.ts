// The Declaration Documents extension: a thin language client for the declaration language
// server, plus a few editor commands (axis navigation, list continuation on Enter).
import * as vscode from 'vscode';
import {
	LanguageClient,
	State,
	TransportKind,
	type LanguageClientOptions,
	type Middleware,
	type ServerOptions,
} from 'vscode-languageclient/node';
import { registerAxisCommands } from './axes';
import { registerOnEnter } from './enter';

const CLIENT_ID = 'declaration';
const CLIENT_NAME = 'Declaration Documents';

let client: LanguageClient | undefined;

export const documentSelector = [
	{ language: 'declaration', scheme: 'file' },
	{ language: 'declaration', scheme: 'untitled' },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME);
	context.subscriptions.push(outputChannel);

	const serverModule = context.asAbsolutePath('server/out/server.js');
	const serverOptions: ServerOptions = {
		run: { module: serverModule, transport: TransportKind.ipc },
		debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
	};

	const fileWatcher = vscode.workspace.createFileSystemWatcher('**/*.{decl,declaration}');
	context.subscriptions.push(fileWatcher);

	const clientOptions: LanguageClientOptions = {
		documentSelector,
		synchronize: {
			fileEvents: fileWatcher,
			configurationSection: 'declaration',
		},
		// The settings at start-up, so that the first diagnostics already follow them; later
		// changes arrive through `synchronize.configurationSection`.
		initializationOptions: () => ({ settings: plainSettings() }),
		outputChannel,
		middleware: settingGates(),
	};

	const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
	client = languageClient;

	context.subscriptions.push(createStatusItem(languageClient));
	context.subscriptions.push(
		vscode.commands.registerCommand('declaration.restartServer', async () => {
			outputChannel.appendLine(`[${new Date().toLocaleTimeString()}] Restarting the declaration language server.`);
			try {
				if (languageClient.needsStart()) {
					await languageClient.start();
				} else {
					await languageClient.restart();
				}
			} catch (error) {
				outputChannel.appendLine(`Could not restart the server: ${String(error)}`);
				void vscode.window.showErrorMessage(`Declaration Documents: could not restart the language server (${String(error)}).`, 'Show Output').then((choice) => {
					if (choice) outputChannel.show(true);
				});
			}
		}),
	);
	registerAxisCommands(context, () => client);
	registerOnEnter(context);

	try {
		await languageClient.start();
	} catch (error) {
		// The editor commands and the grammar keep working; the user can restart the server.
		outputChannel.appendLine(`The declaration language server did not start: ${String(error)}`);
	}
}

export async function deactivate(): Promise<void> {
	const c = client;
	client = undefined;
	if (c?.needsStop()) await c.stop();
}

/** The `declaration.*` settings as plain JSON (nested objects: `{ codeLens: { enabled: true } }`). */
function plainSettings(): unknown {
	return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('declaration')));
}

/**
 * Code lenses and inlay hints also obey their settings on the client side, so that switching
 * them off takes effect at once whatever the server does with the setting.
 */
function settingGates(): Middleware {
	const enabled = (setting: string, document: vscode.TextDocument): boolean =>
		vscode.workspace.getConfiguration('declaration', document).get<boolean>(setting, true);
	return {
		provideCodeLenses: (document, token, next) => (enabled('codeLens.enabled', document) ? next(document, token) : []),
		provideInlayHints: (document, range, token, next) => (enabled('inlayHints.enabled', document) ? next(document, range, token) : []),
	};
}

/** A language status item (the `{}` in the status bar) showing the server's state, with a restart action. */
function createStatusItem(languageClient: LanguageClient): vscode.Disposable {
	const item = vscode.languages.createLanguageStatusItem('declaration.server', documentSelector);
	item.name = 'Declaration language server';
	item.command = { title: 'Restart', command: 'declaration.restartServer', tooltip: 'Restart the declaration language server' };
	const show = (state: State): void => {
		switch (state) {
			case State.Starting:
				item.text = '$(sync~spin) Declaration server starting';
				item.severity = vscode.LanguageStatusSeverity.Information;
				item.busy = true;
				break;
			case State.Running:
				item.text = '$(check) Declaration server';
				item.severity = vscode.LanguageStatusSeverity.Information;
				item.busy = false;
				break;
			case State.Stopped:
				item.text = '$(error) Declaration server stopped';
				item.severity = vscode.LanguageStatusSeverity.Error;
				item.busy = false;
				break;
		}
	};
	show(languageClient.state);
	const listener = languageClient.onDidChangeState((e) => show(e.newState));
	return vscode.Disposable.from(item, listener);
}
