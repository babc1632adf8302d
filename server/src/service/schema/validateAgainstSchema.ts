/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { objectMembers } from '../parser/parsePolicy';

/**
 * The subset of JSON Schema draft-07 our schema uses, plus VS Code's `errorMessage` and
 * `patternErrorMessage` extensions. See schemas/s3-bucket-policy.schema.json.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minItems?: number;
  minProperties?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  not?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
  errorMessage?: string;
  patternErrorMessage?: string;
  markdownDescription?: string;
}

/** The kinds of structural problem the schema can reveal; each is owned by one rule. */
export type SchemaProblemKind =
  | 'unknownProperty'
  | 'missingProperty'
  | 'conflictingProperties'
  | 'wrongType'
  | 'valueNotAllowed'
  | 'invalidPropertyName'
  | 'tooFewItems';

/** A structural problem, located on the node it is about. */
export interface SchemaProblem {
  kind: SchemaProblemKind;
  /** Node to underline: the value, the key (unknown or invalid names), or the object (missing members). */
  node: Node;
  /** Path of property names and indexes from the document root to the value concerned. */
  path: (string | number)[];
  /** Message written in the schema, when it has one for this value. */
  schemaMessage?: string;
  /** For unknown properties: the names allowed at that place. */
  allowedNames?: string[];
  /** For missing or conflicting properties: the property names involved. */
  names?: string[];
  /** For wrong types: the JSON types allowed. */
  expectedTypes?: string[];
  /** For values not allowed: the allowed values. */
  allowedValues?: unknown[];
}

function jsonType(node: Node): string {
  return node.type === 'number' && Number.isInteger(node.value) ? 'integer' : node.type;
}

function typeMatches(schema: JsonSchema, node: Node): boolean {
  if (schema.type === undefined) {
    return true;
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const actual = jsonType(node);
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

/**
 * Validates a jsonc-parser tree against the schema and returns every structural problem with the
 * node it concerns. Linear in the size of the tree; never throws on partial trees.
 */
export function validateAgainstSchema(root: Node, rootSchema: JsonSchema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];

  const resolve = (schema: JsonSchema): JsonSchema => {
    let resolved = schema;
    while (resolved.$ref) {
      const name = resolved.$ref.replace('#/definitions/', '');
      const target = rootSchema.definitions?.[name];
      if (!target) {
        break;
      }
      resolved = { ...target, ...withoutRef(resolved) };
    }
    return resolved;
  };

  const visit = (node: Node, schemaIn: JsonSchema, path: (string | number)[]): void => {
    const schema = resolve(schemaIn);
    if (schema.oneOf || schema.anyOf) {
      const branches = (schema.oneOf ?? schema.anyOf ?? []).map(resolve);
      const matching = branches.filter((branch) => typeMatches(branch, node));
      if (matching.length === 0) {
        problems.push({ kind: 'wrongType', node, path, expectedTypes: branches.flatMap(typesOf) });
        return;
      }
      visit(node, matching[0], path);
    }
    if (!typeMatches(schema, node)) {
      problems.push({ kind: 'wrongType', node, path, expectedTypes: typesOf(schema) });
      return;
    }
    const value = node.value;
    if (schema.const !== undefined && value !== schema.const) {
      problems.push({ kind: 'valueNotAllowed', node, path, schemaMessage: schema.errorMessage, allowedValues: [schema.const] });
    }
    if (schema.enum && !schema.enum.includes(value)) {
      problems.push({ kind: 'valueNotAllowed', node, path, schemaMessage: schema.errorMessage, allowedValues: schema.enum });
    }
    if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) {
      problems.push({ kind: 'valueNotAllowed', node, path, schemaMessage: schema.patternErrorMessage ?? schema.errorMessage });
    }
    if (node.type === 'array') {
      const children = node.children ?? [];
      if (schema.minItems !== undefined && children.length < schema.minItems) {
        problems.push({ kind: 'tooFewItems', node, path, schemaMessage: schema.errorMessage });
      }
      if (schema.items) {
        children.forEach((child, index) => visit(child, schema.items as JsonSchema, [...path, index]));
      }
    }
    if (node.type === 'object') {
      visitObject(node, schema, path);
    }
  };

  const visitObject = (node: Node, schema: JsonSchema, path: (string | number)[]): void => {
    const members = objectMembers(node);
    const present = new Set(members.map((member) => member.name));
    if (schema.minProperties !== undefined && members.length < schema.minProperties) {
      problems.push({ kind: 'tooFewItems', node, path, schemaMessage: schema.errorMessage });
    }
    for (const name of schema.required ?? []) {
      if (!present.has(name)) {
        problems.push({ kind: 'missingProperty', node, path, names: [name] });
      }
    }
    for (const clause of schema.allOf ?? []) {
      const alternatives = clause.anyOf?.map((option) => option.required ?? []).filter((names) => names.length > 0);
      if (alternatives && !alternatives.some((names) => names.every((name) => present.has(name)))) {
        problems.push({ kind: 'missingProperty', node, path, names: alternatives.flat() });
      }
      const exclusive = clause.not?.required;
      if (exclusive && exclusive.every((name) => present.has(name))) {
        problems.push({ kind: 'conflictingProperties', node, path, names: exclusive });
      }
    }
    const allowedNames = Object.keys(schema.properties ?? {});
    for (const member of members) {
      const memberPath = [...path, member.name];
      const propertySchema = schema.properties?.[member.name];
      const namePattern = schema.propertyNames?.pattern;
      if (namePattern && !new RegExp(namePattern).test(member.name)) {
        problems.push({ kind: 'invalidPropertyName', node: member.keyNode, path: memberPath, schemaMessage: schema.propertyNames?.patternErrorMessage });
        continue;
      }
      if (propertySchema) {
        if (member.valueNode) {
          visit(member.valueNode, propertySchema, memberPath);
        }
      } else if (schema.additionalProperties === false) {
        problems.push({ kind: 'unknownProperty', node: member.keyNode, path: memberPath, allowedNames });
      } else if (typeof schema.additionalProperties === 'object' && member.valueNode) {
        visit(member.valueNode, schema.additionalProperties, memberPath);
      }
    }
  };

  visit(root, rootSchema, []);
  return problems;
}

function withoutRef(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy.$ref;
  return copy;
}

function typesOf(schema: JsonSchema): string[] {
  if (schema.type === undefined) {
    return [];
  }
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}
