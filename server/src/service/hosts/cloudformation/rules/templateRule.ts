/* S3 Bucket Policy — MIT License. */
import { memoizePerObject } from '../../../memoizePerObject';
import type { HostRule } from '../../hostRule';
import type { HostCall, HostScalar, HostValue } from '../../hostValue';
import type { Template, TemplateResource } from '../template';

/** What a template check reads: the template, its text and syntax, and its bucket policy resources. */
export interface TemplateCheckInput {
  text: string;
  syntax: 'yaml' | 'json';
  template: Template;
  bucketPolicies: TemplateResource[];
  /** The YAML or JSON syntax problems of the template. */
  syntaxProblems: { offset: number; length: number; message: string }[];
}

/** A check that exists only in CloudFormation templates; it reports in the template's offsets. */
export type TemplateRule = HostRule<TemplateCheckInput>;

/** Every value under the properties of the template's bucket policies (`Bucket`, `PolicyDocument`), depth first; listed once per input. */
export const bucketPolicyValues = memoizePerObject((input: TemplateCheckInput): readonly HostValue[] => {
  const values: HostValue[] = [];
  const visit = (value: HostValue | undefined): void => {
    if (!value) {
      return;
    }
    values.push(value);
    if (value.kind === 'map') {
      value.entries.forEach((entry) => visit(entry.value));
    } else if (value.kind === 'seq') {
      value.items.forEach(visit);
    } else if (value.kind === 'call') {
      visit(value.argument);
    }
  };
  input.bucketPolicies.forEach((resource) => visit(resource.properties));
  return values;
});

/** A `${…}` reference inside an `Fn::Sub` string, with where its name is in the template. */
export interface SubReference {
  /** The text between `${` and `}`, as written. */
  name: string;
  /** Host offsets of `${` and of the character after `}`, when the string's characters can be placed. */
  offset: number | undefined;
  end: number | undefined;
  source: HostScalar;
  /** The names of the Sub's variable map. */
  variables: Set<string>;
}

/** The `${…}` references of an `Fn::Sub` call (both forms). */
export function subReferences(call: HostCall, offsets: (scalar: HostScalar) => Int32Array | undefined): SubReference[] {
  const [source, variables] = call.argument?.kind === 'seq' ? call.argument.items : [call.argument, undefined];
  if (source?.kind !== 'scalar' || typeof source.value !== 'string') {
    return [];
  }
  const names = new Set(variables?.kind === 'map' ? variables.entries.map((entry) => String(entry.key.value)) : []);
  const characters = offsets(source);
  return [...source.value.matchAll(/\$\{([^}]*)\}/g)].map((match) => ({
    name: match[1],
    offset: characters?.[match.index],
    end: characters ? characters[match.index + match[0].length - 1] + 1 : undefined,
    source,
    variables: names,
  }));
}
