/* S3 Bucket Policy — MIT License. */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { directoryOf, ModuleFiles, slashed } from '../service/hosts/terraform/moduleFiles';

/**
 * The files of a Terraform module as the editor has them: an open document's text (saved or not)
 * before the file on disk, and open unsaved files listed with their directory. `pathOf` gives the
 * file path of a document's URI (undefined for other schemes).
 */
export function openModuleFiles(documents: TextDocuments<TextDocument>, disk: ModuleFiles, pathOf: (uri: string) => string | undefined): ModuleFiles {
  const openPaths = () => documents.all().map((document) => ({ document, path: pathOf(document.uri) })).filter((entry): entry is { document: TextDocument; path: string } => entry.path !== undefined);
  return {
    list(directory) {
      const names = new Set(disk.list(directory));
      for (const { path } of openPaths()) {
        if (directoryOf(path) === slashed(directory)) {
          names.add(slashed(path).slice(slashed(directory).length + 1));
        }
      }
      return [...names];
    },
    read(file) {
      const open = openPaths().find(({ path }) => slashed(path) === slashed(file));
      return open ? open.document.getText() : disk.read(file);
    },
  };
}
