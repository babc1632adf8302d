/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { TestLanguageClient } from '../helpers/lspClient';
import { httpsOnlyPolicy } from '../helpers/policyTest';
import { HOSTILE_DOCUMENTS, HostileDocument } from './hostileDocuments';

/** Requests about other documents must be answered within this while a hostile one is being checked. */
const ANSWER_BUDGET_MS = 4000;

/** The server's peak resident memory must stay under this (it is about 60 MB with small documents). */
const MEMORY_BUDGET_MB = 512;

/** The documents the issue names (all skipped), and the checked ones that cost the server most. */
const SENT = HOSTILE_DOCUMENTS.filter((hostile) => hostile.skipped || hostile.name.includes('fixable actions') || hostile.name.includes('same Sid'));

/** A diagnostic's message as text (LSP 3.18 allows Markdown there too). */
function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** Peak resident memory of a process in MB, from /proc (Linux); undefined elsewhere. */
function peakMemoryMb(pid: number | undefined): number | undefined {
  const status = pid === undefined ? undefined : fs.readFileSync(`/proc/${pid}/status`, { encoding: 'utf8', flag: 'r' });
  const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(status ?? '')?.[1];
  return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
}

describe('hostile documents, against the server process', () => {
  let client: TestLanguageClient;
  const small = 'file:///work/hostile/small.bucket-policy.json';
  let smallDiagnostics: Diagnostic[];

  before(async () => {
    client = await TestLanguageClient.start();
    smallDiagnostics = await client.open(small, httpsOnlyPolicy({ version: '2012 - 10 - 17' }));
    assert.deepEqual(smallDiagnostics.map((diagnostic) => diagnostic.code), ['invalidVersion']);
  });
  after(() => client.stop());

  const send = (hostile: HostileDocument, index: number) => async (t: { diagnostic(message: string): void }) => {
    const uri = `file:///work/hostile/hostile-${index}.bucket-policy.json`;
    const text = hostile.text();
    const sent = performance.now();
    const published = client.open(uri, text);
    // A quick fix asked for right away, and a second document opened right away, whose check is queued behind the hostile one's.
    const actions = await client.codeActions(small, smallDiagnostics);
    const answerMs = performance.now() - sent;
    const second = `file:///work/hostile/second-${index}.bucket-policy.json`;
    const secondDiagnostics = await client.open(second, httpsOnlyPolicy({ effect: 'deny' }));
    const secondMs = performance.now() - sent;
    const diagnostics = await published;
    t.diagnostic(`${hostile.name} (${text.length.toLocaleString('en-US')} characters): a quick fix for another document answered after ${answerMs.toFixed(0)} ms, a second document's diagnostics after ${secondMs.toFixed(0)} ms`);
    assert.equal(actions[0]?.diagnostics?.[0]?.code, 'invalidVersion');
    assert.ok(secondDiagnostics.some((diagnostic) => diagnostic.code === 'invalidEffect'));
    assert.ok(answerMs < ANSWER_BUDGET_MS, `the code action took ${answerMs.toFixed(0)} ms`);
    assert.ok(secondMs < ANSWER_BUDGET_MS, `the second document's diagnostics took ${secondMs.toFixed(0)} ms`);
    await client.close(second);
    if (hostile.skipped) {
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].code, 'documentTooLarge');
      assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
      assert.match(messageText(diagnostics[0]), /^Not checked: /);
    } else {
      assert.ok(diagnostics.length > 0 && diagnostics.length <= 1000, `${diagnostics.length} diagnostics`);
    }
    await client.close(uri);
  };

  SENT.forEach((hostile, index) => {
    it(`${hostile.name}: ${hostile.skipped ? 'one information diagnostic' : 'checked'}, and other requests are answered meanwhile`, send(hostile, index));
  });

  it('stays within its memory budget', (t) => {
    const peak = peakMemoryMb(client.pid);
    if (peak === undefined) {
      t.skip('no /proc on this platform');
      return;
    }
    t.diagnostic(`peak resident memory of the server: ${peak.toFixed(0)} MB`);
    assert.ok(peak < MEMORY_BUDGET_MB, `peak resident memory ${peak.toFixed(0)} MB`);
  });

  it('publishes nothing for a 10 MB JSON file that is not a policy, and logs no error', async () => {
    const uri = 'file:///work/hostile/data.json';
    assert.deepEqual(await client.open(uri, `[${'1234567890,'.repeat(1024 * 1024)}0]`), []);
    await client.close(uri);
    assert.deepEqual(client.errors, []);
  });
});
