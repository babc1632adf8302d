/* S3 Bucket Policy — MIT License. */
/**
 * The Marketplace listing: the icon (128×128 PNG, drawn by scripts/icon.mjs, shipped in the .vsix),
 * the gallery banner, homepage and bug tracker, and a README whose first screen shows a picture.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  icon: string;
  galleryBanner: { color: string; theme: string };
  homepage: string;
  bugs: { url: string };
  repository: { url: string };
};
const repository = manifest.repository.url.replace(/\.git$/, '');

interface IconModule {
  drawIcon: () => Buffer;
  encodePng: (pixels: Buffer, width: number, height: number) => Buffer;
}

/** Whether .vscodeignore (an allowlist: `**`, then `!` patterns) lets vsce pack a file. */
function packed(file: string): boolean {
  let included = true;
  for (const line of fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((text) => text.trim()).filter((text) => text && !text.startsWith('#'))) {
    const negated = line.startsWith('!');
    if (picomatch(negated ? line.slice(1) : line, { dot: true })(file)) {
      included = negated;
    }
  }
  return included;
}

describe('Marketplace listing', () => {
  it('has a 128×128 PNG icon that vsce packs', () => {
    const png = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.ok(packed(manifest.icon), `.vscodeignore leaves ${manifest.icon} out of the .vsix`);
    assert.ok(!packed('docs/images/problems.png'), 'the allowlist check sees exclusions too');
  });

  it('has the icon scripts/icon.mjs draws, byte for byte', async () => {
    const { drawIcon, encodePng } = (await import(pathToFileURL(path.join(ROOT, 'scripts/icon.mjs')).href)) as IconModule;
    const pixels = drawIcon();
    assert.ok(encodePng(pixels, 128, 128).equals(fs.readFileSync(path.join(ROOT, manifest.icon))), 'run node scripts/icon.mjs');
    // Transparent corners, an opaque middle.
    assert.equal(pixels[3], 0);
    assert.equal(pixels[(64 * 128 + 64) * 4 + 3], 255);
  });

  it('has a gallery banner in the icon\'s navy, a homepage and a bug tracker on the repository', () => {
    assert.deepEqual(manifest.galleryBanner, { color: '#232F3E', theme: 'dark' });
    assert.equal(manifest.homepage, `${repository}#readme`);
    assert.equal(manifest.bugs.url, `${repository}/issues`);
  });

  it('says what the extension does on the README\'s first screen, with a picture that exists', () => {
    const firstScreen = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').slice(0, 30).join('\n');
    assert.match(firstScreen, /^# S3 Bucket Policy\n\n.*bucket policies/m);
    const pictures = [...firstScreen.matchAll(/!\[[^\]]+\]\(([^)]+\.png)\)/g)].map((match) => match[1]);
    assert.ok(pictures.length > 0, 'no picture in the first 30 lines of README.md');
    for (const picture of pictures) {
      assert.ok(fs.existsSync(path.join(ROOT, picture)), picture);
    }
  });
});
