/* S3 Bucket Policy — MIT License. */
/**
 * Entry point the extension host loads through `extensionTestsPath`: runs every `*.test.js` next to
 * this file with mocha (resolved from the repository's node_modules, not bundled) and writes the
 * counts to the file named by `S3POLICY_E2E_RESULT`, which test/e2e/runExtensionTests.mjs reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Tells test/e2e/runExtensionTests.mjs that the lines from here on are mocha's, not the workbench's. */
const SUITE_START_MARKER = 'S3POLICY_E2E_SUITE_START';

/** The result file's content. */
export interface SuiteResult {
  passed: number;
  failed: number;
  tests: { title: string; state: string | undefined }[];
}

/** Runs the suite; rejects when a test failed, which makes the extension host exit with code 1. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  console.log(SUITE_START_MARKER);
  return new Promise((resolve, reject) => {
    const tests: SuiteResult['tests'] = [];
    const runner = mocha.run((failures) => {
      const resultFile = process.env.S3POLICY_E2E_RESULT;
      if (resultFile) {
        const result: SuiteResult = { passed: runner.stats?.passes ?? 0, failed: failures, tests };
        fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
      }
      if (failures > 0) {
        reject(new Error(`${failures} extension-host tests failed.`));
      } else {
        resolve();
      }
    });
    runner.on('test end', (test) => tests.push({ title: test.fullTitle(), state: test.state }));
  });
}
