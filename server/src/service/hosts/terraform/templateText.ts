/* S3 Bucket Policy — MIT License. */

/**
 * Terraform's string templates read character by character: a quoted string (backslash escapes),
 * a heredoc (literal backslashes, `<<-` indentation stripping) or a template file read by
 * `templatefile`. `$${` and `%%{` write `${` and `%{`; `${…}` is an interpolation and `%{…}` a
 * directive. Each literal character keeps the offset it is written at, so a JSON view built from
 * the text points back at the exact source character.
 */

/** Literal text, character `i` written at `offsets[i]` (an escape maps to its first character). */
export interface TemplateText {
  kind: 'text';
  value: string;
  offsets: number[];
}

/** An interpolation `${ expression }`: its span and the expression's source text (strip markers removed). */
export interface TemplateInterpolation {
  kind: 'interpolation';
  offset: number;
  end: number;
  expression: string;
}

export type TemplatePart = TemplateText | TemplateInterpolation;

/** A template read into parts. */
export interface ReadTemplate {
  parts: TemplatePart[];
  /** True when `%{if}`/`%{for}` directives were met: the text kept is one branch or one repetition. */
  directives: boolean;
  /** Interpolations that cannot be Terraform expressions (`${aws:username}`), by span: Terraform fails on them. */
  unescapedVariables: { offset: number; end: number; name: string }[];
  /** An unterminated `${` or `%{`, by offset. */
  unterminated: number | undefined;
}

export type TemplateMode = 'quoted' | 'heredoc' | 'file';

const QUOTED_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** An IAM policy variable written where Terraform reads an expression: `aws:username`, `s3:prefix`, `aws:PrincipalTag/team`. */
export const IAM_VARIABLE = /^\s*~?\s*([A-Za-z][\w-]*:[\w./*-]+)\s*~?\s*$/;

/** The end of a `${…}` or `%{…}` opened at `open` (the offset after its `}`), skipping nested braces and strings; -1 when unterminated. */
function closingBrace(text: string, open: number, end: number): number {
  let depth = 0;
  let index = open;
  while (index < end) {
    const char = text[index];
    if (char === '"') {
      index++;
      while (index < end && text[index] !== '"' && text[index] !== '\n') {
        index += text[index] === '\\' ? 2 : 1;
      }
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      depth--;
      if (depth === 0) {
        return index + 1;
      }
    }
    index++;
  }
  return -1;
}

/** The smallest indentation (spaces and tabs) of the non-blank lines in `[start, end)`. */
export function commonIndent(text: string, start: number, end: number): number {
  let smallest = Infinity;
  let lineStart = start;
  while (lineStart < end) {
    const lineEnd = Math.min(end, text.indexOf('\n', lineStart) < 0 ? end : text.indexOf('\n', lineStart));
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() !== '') {
      smallest = Math.min(smallest, line.length - line.trimStart().length);
    }
    lineStart = lineEnd + 1;
  }
  return smallest === Infinity ? 0 : smallest;
}

/**
 * Reads the template in `text[start, end)`. `indent` characters of leading whitespace are removed
 * from each line (a `<<-` heredoc). Of an `%{if}` the first branch is kept, of an `%{for}` one
 * repetition of its body.
 */
export function readTemplate(text: string, start: number, end: number, mode: TemplateMode, indent = 0): ReadTemplate {
  const result: ReadTemplate = { parts: [], directives: false, unescapedVariables: [], unterminated: undefined };
  let current: TemplateText | undefined;
  const push = (value: string, offset: number) => {
    if (!current) {
      current = { kind: 'text', value: '', offsets: [] };
      result.parts.push(current);
    }
    current.value += value;
    for (let index = 0; index < value.length; index++) {
      current.offsets.push(offset);
    }
  };
  /** Directives being skipped (an `%{else}` branch): their depth. */
  let skipping = 0;
  const stack: ('if' | 'else' | 'for')[] = [];
  let lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let index = start;
  while (index < end) {
    const char = text[index];
    if (char === '\n') {
      lineStart = index + 1;
    } else if (indent > 0 && index - lineStart < indent && (char === ' ' || char === '\t')) {
      index++;
      continue;
    }
    if ((char === '$' || char === '%') && text[index + 1] === char && text[index + 2] === '{') {
      if (skipping === 0) {
        push(char, index);
        push('{', index + 2);
      }
      index += 3;
      continue;
    }
    if ((char === '$' || char === '%') && text[index + 1] === '{') {
      const close = closingBrace(text, index + 1, end);
      if (close < 0) {
        result.unterminated = index;
        return result;
      }
      const inner = text.slice(index + 2, close - 1);
      if (char === '$') {
        const variable = IAM_VARIABLE.exec(inner);
        if (variable) {
          result.unescapedVariables.push({ offset: index, end: close, name: variable[1] });
        }
        if (skipping === 0) {
          current = undefined;
          result.parts.push({ kind: 'interpolation', offset: index, end: close, expression: inner.replace(/^\s*~?|~?\s*$/g, '').trim() });
        }
      } else {
        result.directives = true;
        const keyword = /^\s*~?\s*(\w+)/.exec(inner)?.[1];
        if (keyword === 'if' || keyword === 'for') {
          stack.push(keyword);
          if (skipping > 0) {
            skipping++;
          }
        } else if (keyword === 'else') {
          if (stack[stack.length - 1] === 'if') {
            stack[stack.length - 1] = 'else';
            if (skipping === 0) {
              skipping = 1;
            }
          }
        } else if (keyword === 'endif' || keyword === 'endfor') {
          const opened = stack.pop();
          if (skipping > 0 && (opened !== 'else' || skipping > 1)) {
            skipping--;
          } else if (opened === 'else') {
            skipping = 0;
          }
        }
        current = undefined;
      }
      index = close;
      continue;
    }
    if (mode === 'quoted' && char === '\\') {
      const kind = text[index + 1];
      if (QUOTED_ESCAPES[kind] !== undefined) {
        if (skipping === 0) {
          push(QUOTED_ESCAPES[kind], index);
        }
        index += 2;
        continue;
      }
      if (kind === 'u' || kind === 'U') {
        const width = kind === 'u' ? 4 : 8;
        const code = parseInt(text.slice(index + 2, index + 2 + width), 16);
        if (!Number.isNaN(code) && code <= 0x10ffff) {
          if (skipping === 0) {
            push(String.fromCodePoint(code), index);
          }
          index += 2 + width;
          continue;
        }
      }
    }
    if (skipping === 0) {
      push(char, index);
    }
    index++;
  }
  return result;
}
