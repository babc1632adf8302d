/* S3 Bucket Policy — MIT License. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNodeAtLocation, Node, parseTree } from 'jsonc-parser';
import {
  appendToArrayOrWrap,
  applyOffsetEdits,
  detectTextStyle,
  formatJsonOnOneLine,
  lineIndentAt,
  renameKeyEdit,
  replaceStringEdit,
  startsLine,
} from '../../../server/src/service/edits/jsonEdits';

/** The value at `path` in `text`. */
function nodeAt(text: string, path: (string | number)[]): Node {
  const node = findNodeAtLocation(parseTree(text) as Node, path);
  assert.ok(node, `no node at ${path.join('.')}`);
  return node;
}

/** Appends `element` to the value at `path` and returns the whole new text. */
function append(text: string, path: (string | number)[], element: unknown): string {
  const result = applyOffsetEdits(text, appendToArrayOrWrap(text, nodeAt(text, path), element));
  assert.ok(parseTree(result), 'the result parses');
  return result;
}

const STATEMENT = { Sid: 'DenyInsecureTransport', Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

describe('detectTextStyle', () => {
  it('finds two spaces, four spaces and tabs, and LF or CRLF', () => {
    assert.deepEqual(detectTextStyle('{\n  "a": {\n    "b": 1\n  }\n}'), { indentUnit: '  ', eol: '\n' });
    assert.deepEqual(detectTextStyle('{\n    "a": {\n        "b": 1\n    }\n}'), { indentUnit: '    ', eol: '\n' });
    assert.deepEqual(detectTextStyle('{\n\t"a": {\n\t\t"b": 1\n\t}\n}'), { indentUnit: '\t', eol: '\n' });
    assert.deepEqual(detectTextStyle('{\r\n    "a": 1\r\n}'), { indentUnit: '    ', eol: '\r\n' });
  });

  it('defaults to two spaces and LF for a document without indentation', () => {
    assert.deepEqual(detectTextStyle('{"a": 1}'), { indentUnit: '  ', eol: '\n' });
    assert.deepEqual(detectTextStyle(''), { indentUnit: '  ', eol: '\n' });
  });

  it('takes the smallest indentation as the unit', () => {
    assert.deepEqual(detectTextStyle('{\n    "a": [\n        1\n    ],\n  "b": 2\n}').indentUnit, '  ');
  });
});

describe('line helpers', () => {
  it('lineIndentAt and startsLine', () => {
    const text = '{\n  "a": 1,\n\t"b": 2\n}';
    assert.equal(lineIndentAt(text, text.indexOf('"a"')), '  ');
    assert.equal(lineIndentAt(text, text.indexOf('1')), '  ');
    assert.equal(lineIndentAt(text, text.indexOf('"b"')), '\t');
    assert.equal(lineIndentAt(text, 0), '');
    assert.equal(startsLine(text, text.indexOf('"a"')), true);
    assert.equal(startsLine(text, text.indexOf('1')), false);
    assert.equal(startsLine(text, 0), true);
  });
});

describe('token edits', () => {
  it('replaces a string literal and a key, escaping as JSON needs', () => {
    const text = '{"Sid": "x", "effect": "Allow"}';
    assert.equal(applyOffsetEdits(text, [replaceStringEdit(nodeAt(text, ['Sid']), 'say "hi"')]), '{"Sid": "say \\"hi\\"", "effect": "Allow"}');
    const key = (nodeAt(text, ['effect']).parent as Node).children?.[0] as Node;
    assert.equal(applyOffsetEdits(text, [renameKeyEdit(key, 'Effect')]), '{"Sid": "x", "Effect": "Allow"}');
  });

  it('applies several edits given in any order, inserts at one offset in the order given', () => {
    assert.equal(applyOffsetEdits('abcdef', [{ offset: 4, length: 1, content: 'E' }, { offset: 0, length: 1, content: 'A' }, { offset: 2, length: 0, content: '-' }]), 'Ab-cdEf');
  });
});

describe('formatJsonOnOneLine', () => {
  it('writes objects and arrays on one line, with or without spaces', () => {
    const value = { a: ['x', 1, true, null], b: { c: 'd' } };
    assert.equal(formatJsonOnOneLine(value, true), '{"a": ["x", 1, true, null], "b": {"c": "d"}}');
    assert.equal(formatJsonOnOneLine(value, false), JSON.stringify(value));
  });
});

describe('appendToArrayOrWrap', () => {
  it('appends on its own line to a multi-line array, indented like the last element (two spaces)', () => {
    const text = '{\n  "Statement": [\n    {\n      "Effect": "Allow"\n    }\n  ]\n}';
    assert.equal(append(text, ['Statement'], STATEMENT), `{
  "Statement": [
    {
      "Effect": "Allow"
    },
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "false"
        }
      }
    }
  ]
}`);
  });

  it('follows four-space, tab and CRLF layouts', () => {
    const four = '{\n    "Resource": [\n        "arn:aws:s3:::b"\n    ]\n}';
    assert.equal(append(four, ['Resource'], { a: 1 }), '{\n    "Resource": [\n        "arn:aws:s3:::b",\n        {\n            "a": 1\n        }\n    ]\n}');
    const tabs = '{\n\t"Resource": [\n\t\t"arn:aws:s3:::b"\n\t]\n}';
    assert.equal(append(tabs, ['Resource'], { a: 1 }), '{\n\t"Resource": [\n\t\t"arn:aws:s3:::b",\n\t\t{\n\t\t\t"a": 1\n\t\t}\n\t]\n}');
    const crlf = '{\r\n  "Resource": [\r\n    "arn:aws:s3:::b"\r\n  ]\r\n}';
    assert.equal(append(crlf, ['Resource'], { a: 1 }), '{\r\n  "Resource": [\r\n    "arn:aws:s3:::b",\r\n    {\r\n      "a": 1\r\n    }\r\n  ]\r\n}');
  });

  it('appends on the same line to an array written on one line, in the document\'s spacing', () => {
    const spaced = '{\n  "Resource": ["arn:aws:s3:::b"]\n}';
    assert.equal(append(spaced, ['Resource'], 'arn:aws:s3:::b/*'), '{\n  "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]\n}');
    const minified = '{"Statement":[{"Effect":"Allow"}]}';
    assert.equal(append(minified, ['Statement'], { Effect: 'Deny', Action: ['s3:*'] }), '{"Statement":[{"Effect":"Allow"},{"Effect":"Deny","Action":["s3:*"]}]}');
    const oneLine = '{"Statement": [{"Effect": "Allow"}]}';
    assert.equal(append(oneLine, ['Statement'], { Effect: 'Deny' }), '{"Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]}');
  });

  it('appends after an element that hugs the bracket ("[{"), at the element\'s own indentation', () => {
    const text = '{\n  "Statement": [{\n    "Effect": "Allow"\n  }]\n}';
    assert.equal(append(text, ['Statement'], { Effect: 'Deny' }), '{\n  "Statement": [{\n    "Effect": "Allow"\n  }, {\n    "Effect": "Deny"\n  }]\n}');
  });

  it('fills an empty array, on one line or over several', () => {
    assert.equal(append('{\n  "Statement": []\n}', ['Statement'], { Effect: 'Deny' }), '{\n  "Statement": [\n    {\n      "Effect": "Deny"\n    }\n  ]\n}');
    assert.equal(append('{\n  "Statement": [\n  ]\n}', ['Statement'], { Effect: 'Deny' }), '{\n  "Statement": [\n    {\n      "Effect": "Deny"\n    }\n  ]\n}');
  });

  it('wraps a single multi-line object in an array with the new element after it', () => {
    const text = '{\n  "Statement": {\n    "Effect": "Allow"\n  }\n}';
    assert.equal(append(text, ['Statement'], { Effect: 'Deny' }), '{\n  "Statement": [{\n    "Effect": "Allow"\n  },\n  {\n    "Effect": "Deny"\n  }]\n}');
  });

  it('wraps a single object written on one line, and a single string', () => {
    assert.equal(append('{"Statement": {"Effect": "Allow"}}', ['Statement'], { Effect: 'Deny' }), '{"Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]}');
    assert.equal(append('{\n  "Resource": "arn:aws:s3:::b"\n}', ['Resource'], 'arn:aws:s3:::b/*'), '{\n  "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]\n}');
    assert.equal(append('{"Resource":"arn:aws:s3:::b"}', ['Resource'], 'arn:aws:s3:::b/*'), '{"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}');
  });

  it('only inserts: every byte of the original text survives in order', () => {
    const text = '{\n  "Statement": [ // keep me\n    {"Effect": "Allow"}\n  ]\n}';
    const edits = appendToArrayOrWrap(text, nodeAt(text, ['Statement']), { Effect: 'Deny' });
    assert.ok(edits.every((edit) => edit.length === 0));
    assert.equal(append(text, ['Statement'], { Effect: 'Deny' }), '{\n  "Statement": [ // keep me\n    {"Effect": "Allow"},\n    {\n      "Effect": "Deny"\n    }\n  ]\n}');
  });
});
