// S3 Bucket Policy — MIT License.
// Unpacks a .vsix without an unzip binary: used by the code-server harness and by bench/run.mjs,
// which must run on a machine that has only Node.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/**
 * Extracts the `extension/` folder of a `.vsix` (a plain zip) into `targetDir` and returns the path
 * of the extracted extension, ready to be passed as `devExtensionPath`. Needs no unzip binary.
 * @param {string} vsix path of the .vsix
 * @param {string} targetDir where to extract (created if missing)
 * @returns {string} `<targetDir>/extension`
 */
export function extractVsix(vsix, targetDir) {
  const zip = fs.readFileSync(vsix);
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) {
    throw new Error(`${vsix} is not a zip file`);
  }
  const entries = zip.readUInt16LE(endOfDirectory + 10);
  let entry = zip.readUInt32LE(endOfDirectory + 16);
  for (let index = 0; index < entries; index++) {
    const method = zip.readUInt16LE(entry + 10);
    const compressedSize = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const extraLength = zip.readUInt16LE(entry + 30);
    const commentLength = zip.readUInt16LE(entry + 32);
    const localHeader = zip.readUInt32LE(entry + 42);
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    entry += 46 + nameLength + extraLength + commentLength;
    if (!name.startsWith('extension/') || name.endsWith('/')) {
      continue;
    }
    const target = path.resolve(targetDir, name);
    if (!target.startsWith(path.resolve(targetDir) + path.sep)) {
      throw new Error(`${vsix}: entry ${name} points outside the target folder`);
    }
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, method === 8 ? zlib.inflateRawSync(data) : data);
  }
  return path.join(targetDir, 'extension');
}
