/* S3 Bucket Policy — MIT License. */
/**
 * Composition root of the language server. Runs under VS Code (IPC) or standalone:
 * `s3-policy-language-server --stdio`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

const connection = createConnection(ProposedFeatures.all);
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
});
startServer(connection);
