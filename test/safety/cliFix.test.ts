/* S3 Bucket Policy — MIT License. */
/**
 * `s3-policy-lint --fix` never loses or damages a file: files it must not or cannot rewrite are
 * left byte for byte as they were, with a clear message and exit code 2.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { writeFileAtomically } from '../../server/src/cli/files';
import { runCli, tempTree } from '../cli/runCli';
import { httpsOnlyPolicy } from '../helpers/policyTest';

/** A policy with one preferred fix ("deny" → "Deny"), and what --fix makes of it. */
const FIXABLE = httpsOnlyPolicy({ effect: 'deny' });
const FIXED = httpsOnlyPolicy();

/** The files a directory holds, temporary files included, so that none is left behind. */
function listing(directory: string): string[] {
  return fs.readdirSync(directory).sort();
}

describe('s3-policy-lint --fix: safety', () => {
  it('refuses a file that is not valid UTF-8, saying so, and leaves its bytes as they were', () => {
    const directory = tempTree({});
    const file = path.join(directory, 'latin1.bucket-policy.json');
    const bytes = Buffer.from(FIXABLE.replace('DenyPlainHttp', 'Caf\u00e9'), 'latin1');
    fs.writeFileSync(file, bytes);
    const result = runCli(['--fix', file]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /latin1\.bucket-policy\.json: not valid UTF-8; s3-policy-lint reads UTF-8 only, so it neither checks nor rewrites this file\. Convert it first, for example: iconv -f LATIN1 -t UTF-8/);
    assert.deepEqual(fs.readFileSync(file), bytes);
  });

  it('refuses a UTF-16 file, naming its encoding', () => {
    const directory = tempTree({});
    const file = path.join(directory, 'utf16.bucket-policy.json');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXABLE, 'utf16le')]);
    fs.writeFileSync(file, bytes);
    const result = runCli(['--fix', file]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /UTF-16 \(it starts with a UTF-16 byte order mark\).*iconv -f UTF-16 -t UTF-8/);
    assert.deepEqual(fs.readFileSync(file), bytes);
  });

  it('reads a UTF-8 byte order mark as text, so that its finding and fix apply', () => {
    const directory = tempTree({ 'bom.bucket-policy.json': `\uFEFF${FIXED}` });
    const result = runCli(['--fix', 'bom.bucket-policy.json'], { cwd: directory });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(fs.readFileSync(path.join(directory, 'bom.bucket-policy.json'), 'utf8'), FIXED);
  });

  it('refuses a read-only file and leaves it, and its mode, as they were', () => {
    const directory = tempTree({ 'read-only.bucket-policy.json': FIXABLE });
    const file = path.join(directory, 'read-only.bucket-policy.json');
    fs.chmodSync(file, 0o444);
    const result = runCli(['--fix', file]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /read-only\.bucket-policy\.json: could not write the fixes \(it is read-only\); the file is unchanged\./);
    assert.equal(fs.readFileSync(file, 'utf8'), FIXABLE);
    assert.equal(fs.statSync(file).mode & 0o777, 0o444);
    assert.deepEqual(listing(directory), ['read-only.bucket-policy.json']);
  });

  it('refuses a file with another hard link, which replacing it would separate', () => {
    const directory = tempTree({ 'linked.bucket-policy.json': FIXABLE });
    fs.linkSync(path.join(directory, 'linked.bucket-policy.json'), path.join(directory, 'other-name.json'));
    const result = runCli(['--fix', 'linked.bucket-policy.json'], { cwd: directory });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /could not write the fixes \(it has 2 hard links, and replacing it would separate them\); the file is unchanged\./);
    assert.equal(fs.readFileSync(path.join(directory, 'other-name.json'), 'utf8'), FIXABLE);
  });

  it('fixes the file a symbolic link names and keeps the link', () => {
    const directory = tempTree({ 'real/target.json': FIXABLE });
    fs.symlinkSync(path.join(directory, 'real/target.json'), path.join(directory, 'link.bucket-policy.json'));
    const result = runCli(['--fix', 'link.bucket-policy.json'], { cwd: directory });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.ok(fs.lstatSync(path.join(directory, 'link.bucket-policy.json')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(directory, 'real/target.json'), 'utf8'), FIXED);
    assert.deepEqual(listing(path.join(directory, 'real')), ['target.json']);
  });

  it('checks and fixes a file reached both directly and through a link once', () => {
    const directory = tempTree({ 'policies/a.bucket-policy.json': FIXABLE });
    fs.symlinkSync('a.bucket-policy.json', path.join(directory, 'policies/b.bucket-policy.json'));
    const result = runCli(['--fix', '--format', 'json', 'policies'], { cwd: directory });
    assert.equal(result.status, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as unknown[]).length, 1);
    assert.equal(fs.readFileSync(path.join(directory, 'policies/a.bucket-policy.json'), 'utf8'), FIXED);
  });

  it('fixes the policies of a directory and leaves its other JSON files alone', () => {
    const other = '{ "name": "not-a-policy", "version": "1.0.0" }\n';
    const directory = tempTree({ 'site/bucket-policy.json': FIXABLE, 'site/package.json': other });
    const result = runCli(['--fix', 'site'], { cwd: directory });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(fs.readFileSync(path.join(directory, 'site/bucket-policy.json'), 'utf8'), FIXED);
    assert.equal(fs.readFileSync(path.join(directory, 'site/package.json'), 'utf8'), other);
    assert.deepEqual(listing(path.join(directory, 'site')), ['bucket-policy.json', 'package.json']);
  });

  it('refuses a device named on the command line instead of reading it forever', () => {
    const result = runCli(['--fix', '/dev/zero']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\/dev\/zero: not a file, a directory or a pipe; not checked\./);
  });

  it('does not overwrite a file that changed on disk since it was read, and leaves no temporary file', () => {
    const directory = tempTree({ 'policy.json': FIXABLE });
    const file = path.join(directory, 'policy.json');
    const changedMeanwhile = FIXABLE.replace('DenyPlainHttp', 'EditedInTheEditor');
    fs.writeFileSync(file, changedMeanwhile);
    assert.throws(() => writeFileAtomically(file, FIXED, FIXABLE), /it changed on disk while s3-policy-lint was running; run it again/);
    assert.equal(fs.readFileSync(file, 'utf8'), changedMeanwhile);
    assert.deepEqual(listing(directory), ['policy.json']);
  });

  it('cannot write into a directory it may not write to: says so and leaves the file', (t) => {
    if (process.getuid?.() === 0) {
      t.skip('running as root, which may write anywhere');
      return;
    }
    const directory = tempTree({ 'locked/policy.bucket-policy.json': FIXABLE });
    fs.chmodSync(path.join(directory, 'locked'), 0o555);
    t.after(() => fs.chmodSync(path.join(directory, 'locked'), 0o755));
    const result = runCli(['--fix', 'locked/policy.bucket-policy.json'], { cwd: directory });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /could not write the fixes \(.*EACCES.*\); the file is unchanged\./);
    assert.equal(fs.readFileSync(path.join(directory, 'locked/policy.bucket-policy.json'), 'utf8'), FIXABLE);
  });
});
