/* S3 Bucket Policy — MIT License. */
import { parsePolicy } from '../../parser/parsePolicy';
import type { PolicyDocument } from '../../parser/policyDocument';
import { HostValue, movedScalar } from '../hostValue';
import { LastReadings } from '../lastReadings';
import { movedView, PolicyView } from '../policyView';
import type { HclNode } from './hclParser';
import type { HclSyntaxWriter } from './hclSyntax';
import type { LoadedModule } from './moduleReader';
import { lookedUp, ModuleLookup, recordingModule } from './terraformModule';

/**
 * The policies read from a Terraform file are kept, so an edit reads again only the policy it
 * touched. A policy's view depends on its own text and on what it looks up in the module (a
 * bucket's name, a variable, a local, a source document, a template file); a kept read is reused
 * when its text is the same and every lookup it made finds the same source text. It is then moved
 * to where the text is now: its offsets shifted, its syntax writer given the file's new text.
 */

/** What one policy expression is: its view, and how fixes are written back into HCL (undefined: as string text). */
export interface ReadPolicy {
  view: PolicyView;
  partial: boolean;
  /** View spans of statements merged in from other documents: findings there are not about this file. */
  foreign: [number, number][];
  writer: HclSyntaxWriter | undefined;
  /** The view's policy tree, parsed once when the read is kept (undefined: not parsed yet). */
  policy?: PolicyDocument;
}

/** A read kept for reuse: where its text started, and what it looked up in the module and its files. */
interface KeptRead {
  start: number;
  read: ReadPolicy;
  lookups: ModuleLookup[];
  files: { path: string; text: string | undefined }[];
}

/** The reads of each file's policies in its last reading, by `readKey`, for as many files as keep their tree for incremental parsing. */
const kept = new LastReadings<KeptRead>(32);

/** Forgets every kept read (for tests and benchmarks of a first read). */
export function forgetKeptReads(): void {
  kept.clear();
}

/** True when the module and its files still give a kept read what they gave it. */
function stillHolds(loaded: LoadedModule, entry: KeptRead): boolean {
  return entry.lookups.every((lookup) => lookup.found !== null && lookedUp(loaded.module, lookup.index, lookup.name) === lookup.found)
    && entry.files.every((file) => loaded.moduleFiles?.read(file.path) === file.text);
}

/** The reads of the policies of one reading of a file. */
export interface PolicyReads {
  /**
   * The read of the policy whose text is `node` of `text` (the file's text), by `read`: the one
   * of the file's last reading when it still holds, else a new one. A node with a syntax error is
   * read anew every time. The caller may change what it gets (a view's symbols): it is a copy.
   */
  read(loaded: LoadedModule, kind: string, text: string, node: HclNode, read: (loaded: LoadedModule) => ReadPolicy | undefined): ReadPolicy | undefined;
  /** Keeps this reading's reads for the file's next reading, in place of the last one's. */
  finish(): void;
}

/**
 * The reads of a reading of the file at `path`. Only the reads of the last reading are kept:
 * they hold strings of the text they were read from, so what is kept stays in proportion to one
 * version of the file per policy.
 */
export function policyReads(path: string): PolicyReads {
  const reading = kept.start(path);
  return {
    read(loaded, kind, text, node, read) {
      if (node.hasError) {
        return read(loaded);
      }
      const start = node.startIndex;
      const key = `${kind} ${node.type} ${loaded.directory ?? ''}\n${text.slice(start, node.endIndex)}`;
      const entry = reading.get(key);
      if (entry && stillHolds(loaded, entry)) {
        reading.keep(key, entry);
        return movedRead(entry.read, start - entry.start, text);
      }
      const lookups: ModuleLookup[] = [];
      const files: KeptRead['files'] = [];
      const moduleFiles = loaded.moduleFiles;
      const recording: LoadedModule = {
        ...loaded,
        module: recordingModule(loaded.module, (index, name) => lookups.push({ index, name, found: lookedUp(loaded.module, index, name) })),
        moduleFiles: moduleFiles && {
          list: (directory) => moduleFiles.list(directory),
          read: (file) => {
            const fileText = moduleFiles.read(file);
            files.push({ path: file, text: fileText });
            return fileText;
          },
        },
      };
      const fresh = read(recording);
      if (fresh) {
        fresh.policy = parsePolicy(fresh.view.text);
        reading.keep(key, { start, read: fresh, lookups, files });
      }
      return fresh && movedRead(fresh, 0, text);
    },
    finish: () => reading.finish(),
  };
}

/** A copy of a read with every host offset shifted by `delta`, its syntax writer writing into `text`. */
function movedRead(read: ReadPolicy, delta: number, text: string): ReadPolicy {
  if (delta === 0) {
    // Where the policy did not move, its view and host values are shared; only its symbols, which the caller adds to, are copied.
    return { ...read, view: { ...read.view, symbols: new Map(read.view.symbols) }, writer: read.writer?.moved(text) };
  }
  // Each host value is copied once, so that values shared in the view stay shared in the copy.
  const hosts = new Map<HostValue, HostValue>();
  const host = <T extends HostValue>(value: T): T => {
    let copy = hosts.get(value);
    if (!copy) {
      copy = movedHost(value, delta, host);
      hosts.set(value, copy);
    }
    return copy as T;
  };
  const view = movedView(read.view, delta, host)!;
  return { ...read, view, writer: read.writer?.moved(text, hosts) };
}

/** A host value with its offsets (and its children's) shifted by `delta`; `host` copies a child. */
function movedHost(value: HostValue, delta: number, host: <T extends HostValue>(value: T) => T): HostValue {
  const offset = value.offset + delta;
  const end = value.end + delta;
  switch (value.kind) {
    case 'scalar':
      return movedScalar(value, delta);
    case 'map':
      return { ...value, offset, end, entries: value.entries.map((entry) => ({ key: host(entry.key), value: entry.value && host(entry.value) })) };
    case 'seq':
      return { ...value, offset, end, items: value.items.map(host) };
    case 'call':
      return { ...value, offset, end, argument: value.argument && host(value.argument) };
  }
}
