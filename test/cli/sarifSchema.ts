/* S3 Bucket Policy — MIT License. */
/** Validation of SARIF logs against the SARIF 2.1.0 JSON schema vendored in test/fixtures/cli/sarif. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ROOT } from './runCli';

// The schema's "language" pattern is not a valid Unicode regular expression (see the fixture's README).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as object);

/** Fails with the schema's complaints unless `log` is valid SARIF 2.1.0. */
export function assertValidSarif(log: unknown): void {
  assert.ok(validate(log), `not valid SARIF 2.1.0: ${ajv.errorsText(validate.errors)}`);
}
