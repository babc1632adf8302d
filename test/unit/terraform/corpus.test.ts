/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe as suite, it } from 'node:test';
import { parseHcl } from '../../../server/src/service/hosts/terraform/hclParser';
import { isTerraformPath } from '../../../server/src/service/hosts/terraform/terraformHost';
import { CORPUS, corpusFiles, describe, fixAll, lint, read, ready } from './terraformTest';

/** Expected findings per corpus file: "line ruleId underlined-text", in offset order. */
const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as Record<string, string[]>;

suite('Terraform corpus', () => {
  before(ready);

  it('has at least 40 files, each in the manifest', () => {
    const files = corpusFiles();
    assert.ok(files.length >= 40, `${files.length} files`);
    assert.deepEqual(files, Object.keys(manifest).sort());
  });

  for (const file of corpusFiles()) {
    const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');

    it(`${file}: exactly the manifest's findings`, () => {
      assert.deepEqual(lint(text, file).map((finding) => describe(text, finding)), manifest[file]);
    });

    it(`${file}: fix-all leaves a file that parses, and fixing again changes nothing`, () => {
      const fixed = fixAll(text, file);
      if (isTerraformPath(file)) {
        const tree = parseHcl(fixed);
        assert.ok(tree);
        assert.equal(tree.rootNode.hasError, false, `ERROR nodes after fix-all:\n${fixed}`);
        tree.delete();
      }
      assert.equal(fixAll(fixed, file), fixed);
      const remaining = lint(fixed, file).filter((finding) => finding.fixes.some((fix) => fix.isPreferred));
      assert.deepEqual(remaining.map((finding) => describe(fixed, finding)), []);
      assert.equal(read(fixed, file).policies.length, read(text.replace(/(?<!\$)\$\{(\s*[A-Za-z][\w-]*:[\w./*-]+\s*)\}/g, '$$$&'), file).policies.length);
    });
  }
});
