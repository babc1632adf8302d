/* S3 Bucket Policy — MIT License. */
/**
 * Reading the EXPECT.json of `s3-policy-lint simulate FILE --expectations EXPECT.json`: a list of
 * `{"name": "partner cannot delete", "policy": NAME, "request": {…}, "expect": "allow" | "deny"}`,
 * `policy` optional, `request` written as a REQUEST.json. Anything else is a usage error that names
 * the entry and says what to write instead.
 */
import { readUtf8 } from './files';
import { UsageError } from './options';
import { readSimulateRequest, SimulateRequest } from './simulateRequest';

/** One expectation, read and checked. */
export interface Expectation {
  name: string;
  /** The policy of the file it is about; undefined for the command's `--policy`, or the file's one policy. */
  policy: string | undefined;
  request: SimulateRequest;
  expect: 'allow' | 'deny';
  /** Where it is written, for messages: `EXPECT.json entry 2 ("partner cannot delete")`. */
  where: string;
}

const FIELDS = ['name', 'policy', 'request', 'expect'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks an expectations file. */
export function readExpectations(file: string): Expectation[] {
  let json: unknown;
  try {
    json = JSON.parse(readUtf8(file));
  } catch (error) {
    throw new UsageError(`${file}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : (error as Error).message}.`);
  }
  if (!Array.isArray(json) || json.length === 0) {
    throw new UsageError(`${file}: write a list of expectations, [{"name": "partner cannot delete", "request": {"principal": …, "action": …, "resource": …}, "expect": "deny"}].`);
  }
  return json.map((entry: unknown, index) => {
    const label = isObject(entry) && typeof entry.name === 'string' ? ` ("${entry.name}")` : '';
    const where = `${file} entry ${index + 1}${label}`;
    if (!isObject(entry)) {
      throw new UsageError(`${where}: write an object, {"name": …, "request": {…}, "expect": "allow" | "deny"}.`);
    }
    const unknown = Object.keys(entry).filter((key) => !FIELDS.includes(key));
    if (unknown.length > 0) {
      throw new UsageError(`${where}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}; the fields are ${FIELDS.join(', ')}.`);
    }
    if (typeof entry.name !== 'string' || entry.name.trim() === '') {
      throw new UsageError(`${where}: "name" is required, as a string that says what is expected ("partner cannot delete").`);
    }
    if (entry.policy !== undefined && (typeof entry.policy !== 'string' || entry.policy === '')) {
      throw new UsageError(`${where}: "policy" must be the name of a bucket policy of the file, as access prints it.`);
    }
    if (entry.expect !== 'allow' && entry.expect !== 'deny') {
      throw new UsageError(`${where}: "expect" must be "allow" or "deny"${entry.expect === undefined ? '' : `; got ${JSON.stringify(entry.expect)}`}.`);
    }
    if (!isObject(entry.request)) {
      throw new UsageError(`${where}: "request" is required, as an object written like a REQUEST.json: {"principal": …, "action": …, "resource": …}.`);
    }
    let request: SimulateRequest;
    try {
      request = readSimulateRequest(JSON.stringify(entry.request), `${where}: request`);
    } catch (error) {
      // Every message names the entry (a bad principal's does not name its file).
      throw error instanceof UsageError && !error.message.startsWith(where) ? new UsageError(`${where}: request: ${error.message}`) : error;
    }
    return { name: entry.name, policy: entry.policy, request, expect: entry.expect, where };
  });
}
