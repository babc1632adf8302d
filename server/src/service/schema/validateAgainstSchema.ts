/* S3 Bucket Policy — MIT License. */
import { getNodePath, Node } from 'jsonc-parser';

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

/**
 * A schema object with its `$ref` resolved and what the validator derives from it computed once:
 * branches, allowed types, compiled patterns, property schemas by name, required names. Compiled
 * once per root schema and reused for every document. The keywords read at every node are copied
 * here too: compiled schemas all have one shape, where the schema objects have one each (a read of
 * `schema.enum` at a node would see dozens of shapes).
 */
interface CompiledSchema {
  schema: JsonSchema;
  /** The types allowed, as `TYPE_BITS`. */
  types: number;
  constValue: unknown;
  enumValues: readonly unknown[] | undefined;
  minItems: number | undefined;
  minProperties: number | undefined;
  /** Whether the value may need checking at all: a `const`, an `enum` or a `pattern`. */
  checksValue: boolean;
  branches: CompiledSchema[] | undefined;
  /** Every type the branches allow, for the message when none matches. */
  branchTypes: string[];
  pattern: RegExp | undefined;
  items: CompiledSchema | undefined;
  /** The schemas of `properties`, by name. */
  properties: NameTable<CompiledSchema>;
  /** `additionalProperties`: false forbids other names, a schema validates their values. */
  additional: false | CompiledSchema | undefined;
  namePattern: RegExp | undefined;
  required: readonly string[];
  /** From `allOf` clauses: sets of names of which at least one must be present in full… */
  alternatives: readonly (readonly string[])[][];
  /** …and sets of names that must not all be present together. */
  exclusives: readonly (readonly string[])[];
  /**
   * A bit for each name the three above mention, so the names an object has are one number, and
   * each of them as bits (in the same order).
   */
  nameBits: NameTable<number>;
  requiredBits: readonly number[];
  alternativeBits: readonly (readonly number[])[];
  exclusiveBits: readonly number[];
  /** True when the schema says nothing but "one of these branches": the matching branch is all there is to check. */
  onlyBranches: boolean;
  /** True when an object's member names must be looked up (required names, alternatives, exclusives). */
  checksNames: boolean;
}

/**
 * A lookup by name among the few names of one schema object, bucketed by length: a name read from a
 * document is compared with the one or two names of its length, where a Map would first hash it
 * (each document's names are new strings, so each would be hashed).
 */
class NameTable<T> {
  private readonly byLength: ({ name: string; value: T }[] | undefined)[] = [];

  set(name: string, value: T): void {
    (this.byLength[name.length] ??= []).push({ name, value });
  }

  get(name: string): T | undefined {
    const entries = name.length < this.byLength.length ? this.byLength[name.length] : undefined;
    if (entries !== undefined) {
      for (let index = 0; index < entries.length; index++) {
        if (entries[index].name === name) {
          return entries[index].value;
        }
      }
    }
    return undefined;
  }
}

const compiledByRoot = new WeakMap<JsonSchema, Map<JsonSchema, CompiledSchema>>();

/** One bit per JSON type a schema may name (`integer` apart from `number`). */
const TYPE_BITS: Record<string, number> = { string: 1, number: 2, integer: 4, boolean: 8, null: 16, array: 32, object: 64 };
/** Every type: the mask of a schema without `type`. */
const ANY_TYPE = 127;

/** The bits of the types a schema allows. */
function typeMask(types: readonly string[] | undefined): number {
  return types === undefined ? ANY_TYPE : types.reduce((mask, type) => mask | (TYPE_BITS[type] ?? 0), 0);
}

/** True when the node's type is among those of `mask`: a number that is an integer matches `integer` too. */
function typeMatches(mask: number, node: Node): boolean {
  switch (node.type) {
    case 'string':
      return (mask & 1) !== 0;
    case 'number':
      return (mask & 2) !== 0 || ((mask & 4) !== 0 && Number.isInteger(node.value));
    case 'boolean':
      return (mask & 8) !== 0;
    case 'null':
      return (mask & 16) !== 0;
    case 'array':
      return (mask & 32) !== 0;
    case 'object':
      return (mask & 64) !== 0;
    default:
      return false;
  }
}

/** Compiles `schema` and the schemas it refers to against `rootSchema`'s definitions, each once (the cache ends recursion). */
function compile(schema: JsonSchema, rootSchema: JsonSchema, cache: Map<JsonSchema, CompiledSchema>): CompiledSchema {
  const cached = cache.get(schema);
  if (cached) {
    return cached;
  }
  let resolved = schema;
  while (resolved.$ref) {
    const target = rootSchema.definitions?.[resolved.$ref.replace('#/definitions/', '')];
    if (!target) {
      break;
    }
    resolved = { ...target, ...withoutRef(resolved) };
  }
  const compiled: CompiledSchema = {
    schema: resolved,
    types: typeMask(resolved.type === undefined ? undefined : typesOf(resolved)),
    constValue: resolved.const,
    enumValues: resolved.enum,
    minItems: resolved.minItems,
    minProperties: resolved.minProperties,
    checksValue: resolved.const !== undefined || resolved.enum !== undefined || resolved.pattern !== undefined,
    branches: undefined,
    branchTypes: [],
    pattern: resolved.pattern === undefined ? undefined : new RegExp(resolved.pattern),
    items: undefined,
    properties: new NameTable(),
    additional: resolved.additionalProperties === false ? false : undefined,
    namePattern: resolved.propertyNames?.pattern === undefined ? undefined : new RegExp(resolved.propertyNames.pattern),
    required: resolved.required ?? [],
    alternatives: (resolved.allOf ?? []).flatMap((clause) => {
      const alternatives = clause.anyOf?.map((option) => option.required ?? []).filter((names) => names.length > 0);
      return alternatives ? [alternatives] : [];
    }),
    exclusives: (resolved.allOf ?? []).flatMap((clause) => (clause.not?.required ? [clause.not.required] : [])),
    onlyBranches: false,
    checksNames: false,
    nameBits: new NameTable(),
    requiredBits: [],
    alternativeBits: [],
    exclusiveBits: [],
  };
  compiled.checksNames = compiled.required.length > 0 || compiled.alternatives.length > 0 || compiled.exclusives.length > 0;
  const bits = new Map<string, number>();
  const bitsOf = (names: readonly string[]): number => names.reduce((mask, name) => mask | nameBit(bits, name), 0);
  compiled.requiredBits = compiled.required.map((name) => bitsOf([name]));
  compiled.alternativeBits = compiled.alternatives.map((alternatives) => alternatives.map(bitsOf));
  compiled.exclusiveBits = compiled.exclusives.map(bitsOf);
  bits.forEach((bit, name) => compiled.nameBits.set(name, bit));
  // Registered before the schemas it refers to are compiled, so recursive definitions end.
  cache.set(schema, compiled);
  const branches = resolved.oneOf ?? resolved.anyOf;
  if (branches) {
    compiled.branches = branches.map((branch) => compile(branch, rootSchema, cache));
    compiled.branchTypes = compiled.branches.flatMap((branch) => typesOf(branch.schema));
    compiled.onlyBranches = Object.keys(resolved).every((keyword) => keyword === 'oneOf' || keyword === 'anyOf' || keyword === 'markdownDescription' || keyword === 'description');
  }
  if (resolved.items) {
    compiled.items = compile(resolved.items, rootSchema, cache);
  }
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    compiled.properties.set(name, compile(property, rootSchema, cache));
  }
  if (typeof resolved.additionalProperties === 'object') {
    compiled.additional = compile(resolved.additionalProperties, rootSchema, cache);
  }
  return compiled;
}

/**
 * Validates a jsonc-parser tree against the schema and returns every structural problem with the
 * node it concerns. Linear in the size of the tree; never throws on partial trees. The schema is
 * compiled once (`compile`) and reused across documents.
 */
export function validateAgainstSchema(root: Node, rootSchema: JsonSchema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  let cache = compiledByRoot.get(rootSchema);
  if (!cache) {
    cache = new Map();
    compiledByRoot.set(rootSchema, cache);
  }

  const visit = (node: Node, compiled: CompiledSchema): void => {
    const { schema } = compiled;
    if (compiled.branches) {
      let matching: CompiledSchema | undefined;
      for (const branch of compiled.branches) {
        if (typeMatches(branch.types, node)) {
          matching = branch;
          break;
        }
      }
      if (!matching) {
        problems.push({ kind: 'wrongType', node, path: getNodePath(node), expectedTypes: compiled.branchTypes });
        return;
      }
      visit(node, matching);
      if (compiled.onlyBranches) {
        return;
      }
    }
    if (!typeMatches(compiled.types, node)) {
      problems.push({ kind: 'wrongType', node, path: getNodePath(node), expectedTypes: typesOf(schema) });
      return;
    }
    if (compiled.checksValue) {
      checkValue(node, compiled);
    }
    if (node.type === 'array') {
      const children = node.children ?? [];
      if (compiled.minItems !== undefined && children.length < compiled.minItems) {
        problems.push({ kind: 'tooFewItems', node, path: getNodePath(node), schemaMessage: schema.errorMessage });
      }
      if (compiled.items) {
        for (let index = 0; index < children.length; index++) {
          visit(children[index], compiled.items);
        }
      }
    }
    if (node.type === 'object') {
      visitObject(node, compiled);
    }
  };

  const checkValue = (node: Node, compiled: CompiledSchema): void => {
    const { schema } = compiled;
    const value: unknown = node.value;
    if (compiled.constValue !== undefined && value !== compiled.constValue) {
      problems.push({ kind: 'valueNotAllowed', node, path: getNodePath(node), schemaMessage: schema.errorMessage, allowedValues: [compiled.constValue] });
    }
    if (compiled.enumValues && !compiled.enumValues.includes(value)) {
      problems.push({ kind: 'valueNotAllowed', node, path: getNodePath(node), schemaMessage: schema.errorMessage, allowedValues: [...compiled.enumValues] });
    }
    if (compiled.pattern && typeof value === 'string' && !compiled.pattern.test(value)) {
      problems.push({ kind: 'valueNotAllowed', node, path: getNodePath(node), schemaMessage: schema.patternErrorMessage ?? schema.errorMessage });
    }
  };

  const visitRequired = (node: Node, compiled: CompiledSchema, present: number): void => {
    const { requiredBits, alternativeBits, exclusiveBits } = compiled;
    for (let index = 0; index < requiredBits.length; index++) {
      if ((present & requiredBits[index]) === 0) {
        problems.push({ kind: 'missingProperty', node, path: getNodePath(node), names: [compiled.required[index]] });
      }
    }
    for (let index = 0; index < alternativeBits.length; index++) {
      if (!alternativeBits[index].some((bits) => (present & bits) === bits)) {
        problems.push({ kind: 'missingProperty', node, path: getNodePath(node), names: compiled.alternatives[index].flat() });
      }
    }
    for (let index = 0; index < exclusiveBits.length; index++) {
      if ((present & exclusiveBits[index]) === exclusiveBits[index]) {
        problems.push({ kind: 'conflictingProperties', node, path: getNodePath(node), names: [...compiled.exclusives[index]] });
      }
    }
  };

  const visitObject = (node: Node, compiled: CompiledSchema): void => {
    const { schema } = compiled;
    const properties = node.children ?? [];
    if (compiled.minProperties !== undefined || compiled.checksNames) {
      let count = 0;
      let present = 0;
      for (const property of properties) {
        const keyNode = property.children?.[0];
        if (keyNode?.type === 'string') {
          count++;
          present |= compiled.nameBits.get(keyNode.value as string) ?? 0;
        }
      }
      if (compiled.minProperties !== undefined && count < compiled.minProperties) {
        problems.push({ kind: 'tooFewItems', node, path: getNodePath(node), schemaMessage: schema.errorMessage });
      }
      if (compiled.checksNames) {
        visitRequired(node, compiled, present);
      }
    }
    for (const property of properties) {
      const keyNode = property.children?.[0];
      if (keyNode?.type !== 'string') {
        continue;
      }
      const name = String(keyNode.value);
      const valueNode = property.children?.[1];
      if (compiled.namePattern && !compiled.namePattern.test(name)) {
        problems.push({ kind: 'invalidPropertyName', node: keyNode, path: getNodePath(keyNode), schemaMessage: schema.propertyNames?.patternErrorMessage });
        continue;
      }
      const propertySchema = compiled.properties.get(name);
      if (propertySchema) {
        if (valueNode) {
          visit(valueNode, propertySchema);
        }
      } else if (compiled.additional === false) {
        problems.push({ kind: 'unknownProperty', node: keyNode, path: getNodePath(keyNode), allowedNames: Object.keys(schema.properties ?? {}) });
      } else if (compiled.additional && valueNode) {
        visit(valueNode, compiled.additional);
      }
    }
  };

  visit(root, compile(rootSchema, rootSchema, cache));
  return problems;
}

/** The bit of `name` in `bits`, given the next free one the first time it is asked for. */
function nameBit(bits: Map<string, number>, name: string): number {
  let bit = bits.get(name);
  if (bit === undefined) {
    if (bits.size >= 31) {
      throw new Error('The schema names more than 31 properties in required, anyOf and not clauses of one object.');
    }
    bit = 1 << bits.size;
    bits.set(name, bit);
  }
  return bit;
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
