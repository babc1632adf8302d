/* S3 Bucket Policy — MIT License. */
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Runs a request handler so that it can never throw into the connection: a cancelled request is
 * answered with `RequestCancelled`, an error (thrown, or a rejection of the work's promise, such as
 * reading settings) is logged as "Error while <what>" with its stack and answered with the neutral value.
 */
export async function runSafe<T>(log: (message: string) => void, what: string, neutral: T, token: CancellationToken, work: () => T | Promise<T>): Promise<T | ResponseError<void>> {
  if (token.isCancellationRequested) {
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  }
  try {
    return await work();
  } catch (error) {
    log(`Error while ${what}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return neutral;
  }
}
