/* S3 Bucket Policy — MIT License. */
/**
 * Typing new values into a large policy must not keep old versions of the document alive. Values
 * read from a document share its whole text; the lookups memoized per value (ARNs, actions,
 * placeholders) once kept one version of a 200 KB policy per keystroke, until their caches were
 * emptied.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { DEFAULT_LINT_SETTINGS, getPolicyLanguageService } from '../../server/src/service/policyLanguageService';
import { policyOfStatements } from './hostileDocuments';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  collectGarbage();
  return v8.getHeapStatistics().used_heap_size;
}

describe('memory while typing', () => {
  it('keeps no copy of a 200 KB policy per keystroke that types a new value', () => {
    const service = getPolicyLanguageService();
    const base = policyOfStatements(1300, (index) => `{"Sid":"Read${index}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:role/Reader${index}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-typing/team-${index}/*"}`);
    assert.ok(base.length > 200_000 && base.length < 256 * 1024, `${base.length} characters`);
    const at = base.indexOf('"arn:aws:s3:::acme-typing/team-0/*"') + 1;
    const typed = 'arn:aws:s3:::acme-typing/reports/2026/quarterly/';
    service.findProblems(service.parse(base), DEFAULT_LINT_SETTINGS);
    const before = heapAfterCollection();
    for (let length = 1; length <= typed.length; length++) {
      service.findProblems(service.parse(base.slice(0, at) + typed.slice(0, length) + base.slice(at)), DEFAULT_LINT_SETTINGS);
    }
    const grown = heapAfterCollection() - before;
    // One kept version per keystroke would be about 10 MB here; what the caches rightly keep is far less.
    assert.ok(grown < 3 * 1024 * 1024, `the heap grew by ${(grown / 1024 / 1024).toFixed(1)} MB over ${typed.length} keystrokes`);
  });
});
