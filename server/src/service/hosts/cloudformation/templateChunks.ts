/* S3 Bucket Policy — MIT License. */
/**
 * Splits a YAML CloudFormation template into pieces that YAML reads the same way alone as in the
 * whole text: each top-level entry (`Parameters:`, `Outputs:` …), and each entry of a block
 * `Resources:` mapping. A piece that did not change since the last read need not be parsed again
 * (yamlValues.ts keeps the pieces it read), so an edit costs the parse of one resource, not of the
 * template.
 *
 * The split is made only where it cannot change the reading. A piece begins at a line holding a
 * plain key at the indentation of its mapping; in YAML such a line ends whatever the line before it
 * began, as long as nothing spans lines below that indentation. Texts with what could make one piece
 * depend on another are not split: anchors and aliases, tabs, several documents or directives, a
 * byte order mark, a top-level line that is not a plain key (a flow mapping, a sequence, a broken
 * line), a line inside `Resources` indented less than its entries. Such a text is parsed whole.
 */

/** One piece of a template: the text from `offset` to `end`, one mapping entry with the comments and blank lines after it. */
export interface TemplateChunk {
  offset: number;
  end: number;
  /** `top` for a top-level entry, `resource` for an entry of the top-level `Resources` mapping. */
  level: 'top' | 'resource';
}

/** A plain key at the start of a line (after the indentation): what begins a piece. */
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*[ ]*:(?:[ ]|\r?$)/;

/** The top-level `Resources:` key with its value on the lines below. */
const BLOCK_RESOURCES = /^Resources[ ]*:[ ]*(?:#.*)?\r?$/;

/** What could tie one piece to another: an anchor or alias (`&name`, `*name` after a space or flow indicator). */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][^\s,[\]{}]/;

/** What the splitter does not handle: tabs, directives and document markers, a byte order mark. */
const NOT_SPLIT = /\t|^(?:%|---|\.\.\.)|^\uFEFF/m;

/**
 * The pieces of a template, in order and covering the whole text; undefined where the text is not
 * split (see the file comment) or would make a single piece.
 */
export function splitTemplate(text: string): TemplateChunk[] | undefined {
  if (NOT_SPLIT.test(text) || ANCHOR_OR_ALIAS.test(text)) {
    return undefined;
  }
  const chunks: TemplateChunk[] = [];
  const begin = (offset: number, level: TemplateChunk['level']) => {
    if (chunks.length > 0) {
      chunks[chunks.length - 1].end = offset;
    }
    // Comments and blank lines before the first key belong to the first piece.
    chunks.push({ offset: chunks.length === 0 ? 0 : offset, end: text.length, level });
  };
  /** In a block `Resources` mapping: the indentation of its entries, 0 until its first entry is seen. */
  let resourceIndent: number | undefined;
  for (let lineStart = 0; lineStart < text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const line = text.slice(lineStart, newline < 0 ? text.length : newline);
    const indent = line.length - line.trimStart().length;
    const content = line.slice(indent);
    if (content.trim() === '' || content.startsWith('#')) {
      lineStart = lineEnd;
      continue;
    }
    if (chunks.length === 0 && indent > 0) {
      return undefined;
    }
    if (indent === 0) {
      if (!PLAIN_KEY.test(content)) {
        return undefined;
      }
      begin(lineStart, 'top');
      resourceIndent = BLOCK_RESOURCES.test(content) ? 0 : undefined;
    } else if (resourceIndent !== undefined) {
      if (resourceIndent === 0) {
        resourceIndent = indent;
      }
      if (indent < resourceIndent) {
        return undefined;
      }
      if (indent === resourceIndent) {
        if (!PLAIN_KEY.test(content)) {
          return undefined;
        }
        begin(lineStart, 'resource');
      }
    }
    lineStart = lineEnd;
  }
  return chunks.length > 1 ? chunks : undefined;
}
