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
  const actual = jsonType(node);
  if (typeof schema.type === 'string') {
    return schema.type === actual || (actual === 'integer' && schema.type === 'number');
  }
  return schema.type.includes(actual) || (actual === 'integer' && schema.type.includes('number'));
}

/** What the validator derives from one schema object, computed once per root schema and reused across documents. */
interface CompiledSchemas {
  resolved: WeakMap<JsonSchema, JsonSchema>;
  branches: WeakMap<JsonSchema, JsonSchema[]>;
  allowedNames: WeakMap<JsonSchema, string[]>;
}

const compiledByRoot = new WeakMap<JsonSchema, CompiledSchemas>();
const regExps = new Map<string, RegExp>();

function regExp(pattern: string): RegExp {
  let compiled = regExps.get(pattern);
  if (!compiled) {
    compiled = new RegExp(pattern);
    regExps.set(pattern, compiled);
  }
  return compiled;
}

function memo<T>(cache: WeakMap<JsonSchema, T>, schema: JsonSchema, compute: () => T): T {
  let value = cache.get(schema);
  if (value === undefined) {
    value = compute();
    cache.set(schema, value);
  }
  return value;
}

function firstTypeMatch(branches: JsonSchema[], node: Node): JsonSchema | undefined {
  for (const branch of branches) {
    if (typeMatches(branch, node)) {
      return branch;
    }
  }
  return undefined;
}

/**
 * Validates a jsonc-parser tree against the schema and returns every structural problem with the
 * node it concerns. Linear in the size of the tree; never throws on partial trees. What depends on
 * the schema alone ($ref resolution, branches, patterns, allowed names) is computed once and reused.
 */
export function validateAgainstSchema(root: Node, rootSchema: JsonSchema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const compiled = memo<CompiledSchemas>(compiledByRoot, rootSchema, () => ({ resolved: new WeakMap(), branches: new WeakMap(), allowedNames: new WeakMap() }));
  /** The path of the value being visited; copied into a problem only when one is found. */
  const path: (string | number)[] = [];
  const here = (...tail: (string | number)[]): (string | number)[] => [...path, ...tail];

  const resolve = (schema: JsonSchema): JsonSchema => memo(compiled.resolved, schema, () => {
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
  });

  const visit = (node: Node, schemaIn: JsonSchema): void => {
    const schema = resolve(schemaIn);
    if (schema.oneOf || schema.anyOf) {
      const branches = memo(compiled.branches, schema, () => (schema.oneOf ?? schema.anyOf ?? []).map(resolve));
      const matching = firstTypeMatch(branches, node);
      if (!matching) {
        problems.push({ kind: 'wrongType', node, path: here(), expectedTypes: branches.flatMap(typesOf) });
        return;
      }
      visit(node, matching);
    }
    if (!typeMatches(schema, node)) {
      problems.push({ kind: 'wrongType', node, path: here(), expectedTypes: typesOf(schema) });
      return;
    }
    const value: unknown = node.value;
    if (schema.const !== undefined && value !== schema.const) {
      problems.push({ kind: 'valueNotAllowed', node, path: here(), schemaMessage: schema.errorMessage, allowedValues: [schema.const] });
    }
    if (schema.enum && !schema.enum.includes(value)) {
      problems.push({ kind: 'valueNotAllowed', node, path: here(), schemaMessage: schema.errorMessage, allowedValues: schema.enum });
    }
    if (schema.pattern && typeof value === 'string' && !regExp(schema.pattern).test(value)) {
      problems.push({ kind: 'valueNotAllowed', node, path: here(), schemaMessage: schema.patternErrorMessage ?? schema.errorMessage });
    }
    if (node.type === 'array') {
      const children = node.children ?? [];
      if (schema.minItems !== undefined && children.length < schema.minItems) {
        problems.push({ kind: 'tooFewItems', node, path: here(), schemaMessage: schema.errorMessage });
      }
      if (schema.items) {
        for (let index = 0; index < children.length; index++) {
          path.push(index);
          visit(children[index], schema.items);
          path.pop();
        }
      }
    }
    if (node.type === 'object') {
      visitObject(node, schema);
    }
  };

  const visitRequired = (node: Node, schema: JsonSchema, present: Set<string>): void => {
    for (const name of schema.required ?? []) {
      if (!present.has(name)) {
        problems.push({ kind: 'missingProperty', node, path: here(), names: [name] });
      }
    }
    for (const clause of schema.allOf ?? []) {
      const alternatives = clause.anyOf?.map((option) => option.required ?? []).filter((names) => names.length > 0);
      if (alternatives && !alternatives.some((names) => names.every((name) => present.has(name)))) {
        problems.push({ kind: 'missingProperty', node, path: here(), names: alternatives.flat() });
      }
      const exclusive = clause.not?.required;
      if (exclusive && exclusive.every((name) => present.has(name))) {
        problems.push({ kind: 'conflictingProperties', node, path: here(), names: exclusive });
      }
    }
  };

  const visitObject = (node: Node, schema: JsonSchema): void => {
    const members = objectMembers(node);
    if (schema.minProperties !== undefined && members.length < schema.minProperties) {
      problems.push({ kind: 'tooFewItems', node, path: here(), schemaMessage: schema.errorMessage });
    }
    if (schema.required || schema.allOf) {
      visitRequired(node, schema, new Set(members.map((member) => member.name)));
    }
    const namePattern = schema.propertyNames?.pattern;
    for (const member of members) {
      const propertySchema = schema.properties?.[member.name];
      if (namePattern && !regExp(namePattern).test(member.name)) {
        problems.push({ kind: 'invalidPropertyName', node: member.keyNode, path: here(member.name), schemaMessage: schema.propertyNames?.patternErrorMessage });
        continue;
      }
      if (propertySchema) {
        if (member.valueNode) {
          path.push(member.name);
          visit(member.valueNode, propertySchema);
          path.pop();
        }
      } else if (schema.additionalProperties === false) {
        const allowedNames = memo(compiled.allowedNames, schema, () => Object.keys(schema.properties ?? {}));
        problems.push({ kind: 'unknownProperty', node: member.keyNode, path: here(member.name), allowedNames: [...allowedNames] });
      } else if (typeof schema.additionalProperties === 'object' && member.valueNode) {
        path.push(member.name);
        visit(member.valueNode, schema.additionalProperties);
        path.pop();
      }
    }
  };

  visit(root, rootSchema);
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
