/* S3 Bucket Policy — MIT License. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleFiles } from '../service/hosts/terraform/moduleFiles';

/** Files larger than this are not read for a module (a Terraform file or policy is far smaller). */
const MAX_FILE_BYTES = 512 * 1024;

/** The last text read of each file, kept while its modification time and size stay the same. */
interface CachedText {
  mtimeMs: number;
  size: number;
  text: string | undefined;
}

/**
 * The files of Terraform modules on disk, for the reading of `.tf` files and templates: the CLI's,
 * and the language server's beneath its open documents. Paths the service gives are resolved
 * against `base` (the CLI's configuration directory; absolute paths stay as they are). It only
 * lists directories and reads files: no file is written, no link followed out of a listing, no
 * text that is not strict UTF-8 returned. Texts are cached by modification time and size.
 */
export function diskModuleFiles(base: string): ModuleFiles {
  const cache = new Map<string, CachedText>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return {
    list(directory) {
      try {
        return fs.readdirSync(path.resolve(base, directory), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
      } catch {
        return [];
      }
    },
    read(file) {
      const absolute = path.resolve(base, file);
      try {
        const stats = fs.statSync(absolute);
        if (!stats.isFile() || stats.size > MAX_FILE_BYTES) {
          return undefined;
        }
        const cached = cache.get(absolute);
        if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
          return cached.text;
        }
        let text: string | undefined;
        try {
          text = decoder.decode(fs.readFileSync(absolute));
        } catch {
          text = undefined;
        }
        cache.set(absolute, { mtimeMs: stats.mtimeMs, size: stats.size, text });
        return text;
      } catch {
        return undefined;
      }
    },
  };
}
