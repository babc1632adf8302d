/* S3 Bucket Policy — MIT License. */
/**
 * What package.json declares about untrusted and virtual workspaces stays true: the extension and
 * its language server run no code but their own, read files only to lint them (the server reads the
 * other files of a Terraform module), and they attach to file: and untitled: documents only.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/lspClient';

interface Manifest {
  capabilities: {
    untrustedWorkspaces: { supported: boolean | 'limited' };
    virtualWorkspaces: { supported: boolean | 'limited'; description?: string };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

/** Every TypeScript file under a directory of the repository, `server/src/cli` (the command line, not the extension) left out. */
function sources(directory: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      return relative === path.join('server', 'src', 'cli') ? [] : sources(relative);
    }
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** Modules and globals through which code could read files, start programs or evaluate text. */
const RISKY = /from 'node:(fs|child_process|vm|worker_threads|net|http|https)'|from '(fs|child_process|vm)'|require\(|\beval\(|new Function\(|workspace\.fs\b|workspace\.openTextDocument\(/;

describe('workspace trust and virtual workspaces, as declared in package.json', () => {
  const files = [...sources('client/src'), ...sources('server/src'), ...(fs.existsSync(path.join(REPO_ROOT, 'common')) ? sources('common') : [])];

  it('supports untrusted workspaces: the client and the server start no program and evaluate no text, and read files only to lint them', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.ok(files.length > 20, `only ${files.length} source files found`);
    const risky = files.filter((file) => RISKY.test(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    assert.deepEqual(risky, [], 'these files could read the workspace or run code: revisit capabilities.untrustedWorkspaces in package.json');
  });

  it('reads the other files of a Terraform module through one reader of the command line, which lists and reads and does nothing else', () => {
    // The server imports this one module of server/src/cli; the walk above leaves that folder out.
    const fromCli = files.flatMap((file) => [...fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(/from '((?:\.\.\/)+cli\/[^']+)'/g)].map((match) => path.join(path.dirname(file), match[1])));
    assert.deepEqual([...new Set(fromCli)], [path.join('server', 'src', 'cli', 'diskModuleFiles')]);
    const reader = fs.readFileSync(path.join(REPO_ROOT, 'server/src/cli/diskModuleFiles.ts'), 'utf8');
    const calls = [...reader.matchAll(/\bfs\.(\w+)/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(calls)].sort(), ['readFileSync', 'readdirSync', 'statSync']);
    assert.doesNotMatch(reader.replace(/^import .*$/gm, ''), /child_process|require\(|\beval\(|new Function\(/);
  });

  it('does not claim virtual workspaces, because the client attaches to file: and untitled: documents only', () => {
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
    assert.match(manifest.capabilities.virtualWorkspaces.description ?? '', /file:.*untitled:/);
    const client = fs.readFileSync(path.join(REPO_ROOT, 'client/src/languageClient.ts'), 'utf8');
    const schemes = [...client.matchAll(/scheme: '([^']+)'/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(schemes)].sort(), ['file', 'untitled'], 'the document selector changed: update capabilities.virtualWorkspaces in package.json');
  });
});
