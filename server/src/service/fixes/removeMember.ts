/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import type { OffsetEdit } from '../policyLanguageTypes';

/**
 * The edit that deletes one member (`"key": value`) of an object with its separating comma and
 * whitespace, so the neighbours keep their layout: up to the next member when one follows, from the
 * end of the previous member otherwise. Undefined when the key node is not inside an object property.
 */
export function removeMemberEdit(keyNode: Node): OffsetEdit | undefined {
  const property = keyNode.parent;
  const siblings = property?.parent?.children;
  if (!property || property.type !== 'property' || !siblings) {
    return undefined;
  }
  const position = siblings.indexOf(property);
  const next = siblings[position + 1];
  if (next) {
    return { offset: property.offset, length: next.offset - property.offset, content: '' };
  }
  const previous = siblings[position - 1];
  if (previous) {
    const start = previous.offset + previous.length;
    return { offset: start, length: property.offset + property.length - start, content: '' };
  }
  const object = property.parent;
  return { offset: object.offset + 1, length: object.length - 2, content: '' };
}
