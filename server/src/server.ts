/**
 * Entry point of the declaration language server: `node server/out/server.js --stdio`
 * (or `--node-ipc`, `--socket=N`, as vscode-languageserver reads them from the command line).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

const connection = createConnection(ProposedFeatures.all);

// stdout carries the protocol: everything else goes to the client's log.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${(reason as Error)?.stack ?? reason}`));
process.on('uncaughtException', (error) => connection.console.error(`uncaught exception: ${error?.stack ?? error}`));

startServer(connection);
