/* S3 Bucket Policy — MIT License. */
import { closestNames } from '../../../suggestions';
import type { HostValue } from '../../hostValue';
import { scalarCharOffsets } from '../../scalarOffsets';
import type { Template } from '../template';
import { bucketPolicyValues, subReferences, TemplateCheckInput, TemplateRule } from './templateRule';

/** A name a reference uses, with where it is written (or the whole value, when the characters cannot be placed). */
interface NameUse {
  name: string;
  offset: number;
  length: number;
  exact: boolean;
}

/** The logical ids and parameters a reference in a bucket policy may name. */
function definedNames(template: Template): string[] {
  return [...template.parameters.keys(), ...template.resources.keys()];
}

/**
 * True when the template may define resources it does not list: SAM's generated ones
 * (`MyFunctionRole` for `MyFunction`), a macro other than SAM's and the language extensions, and
 * the Serverless Framework's own.
 */
function generatedBy(template: Template, name: string): boolean {
  if (template.isServerless) {
    return true;
  }
  return [...template.resources.values()].some((resource) => resource.type?.startsWith('AWS::Serverless::') && name.startsWith(resource.logicalId));
}

/** The names the references of a value use: `Ref X`, `Fn::GetAtt X.Attr`, `${X}` and `${X.Attr}` in `Fn::Sub`. */
function namesUsed(input: TemplateCheckInput, value: HostValue): NameUse[] {
  if (value.kind !== 'call') {
    return [];
  }
  const argument = value.argument;
  if (value.name === 'Ref' && argument?.kind === 'scalar' && typeof argument.value === 'string') {
    return [{ name: argument.value, offset: argument.contentOffset ?? argument.offset, length: argument.contentOffset !== undefined ? argument.value.length : argument.end - argument.offset, exact: argument.contentOffset !== undefined }];
  }
  if (value.name === 'Fn::GetAtt') {
    const target = argument?.kind === 'seq' ? argument.items[0] : argument;
    if (target?.kind === 'scalar' && typeof target.value === 'string') {
      const name = argument?.kind === 'seq' ? target.value : target.value.split('.')[0];
      return [{ name, offset: target.contentOffset ?? target.offset, length: target.contentOffset !== undefined ? name.length : target.end - target.offset, exact: target.contentOffset !== undefined }];
    }
    return [];
  }
  if (value.name === 'Fn::Sub') {
    return subReferences(value, (scalar) => scalarCharOffsets(input.text, scalar))
      .filter((reference) => !reference.name.startsWith('!') && !reference.variables.has(reference.name.trim()) && !reference.name.includes(':') && /^[\w.]+$/.test(reference.name.trim()))
      .map((reference) => {
        const name = reference.name.trim().split('.')[0];
        const located = reference.offset !== undefined;
        return { name, offset: located ? reference.offset! + 2 : reference.source.offset, length: located ? name.length : reference.source.end - reference.source.offset, exact: located };
      });
  }
  return [];
}

/**
 * A `Ref`, `Fn::GetAtt` or `${…}` in a bucket policy that names no parameter, resource or pseudo
 * parameter of the template: the stack fails ("Unresolved resource dependencies" or "Template
 * format error: Unresolved resource dependencies"). A close name is offered as a fix.
 */
export const cfnUndefinedReference: TemplateRule = {
  id: 'cfnUndefinedReference',
  defaultSeverity: 'error',
  description: 'A Ref, GetAtt or ${…} in a bucket policy names a logical id or parameter the template does not define.',
  check(input, report) {
    const defined = definedNames(input.template);
    const known = new Set(defined);
    for (const value of bucketPolicyValues(input)) {
      for (const use of namesUsed(input, value)) {
        if (known.has(use.name) || use.name.startsWith('AWS::') || generatedBy(input.template, use.name)) {
          continue;
        }
        const candidates = closestNames(use.name, defined, 1);
        const suggestion = candidates.length === 1 ? ` Did you mean "${candidates[0]}"?` : '';
        report({
          offset: use.offset,
          length: use.length,
          message: `"${use.name}" is no parameter or resource of this template, so CloudFormation fails with "Unresolved resource dependencies [${use.name}]".${suggestion}`,
          fixes: use.exact && candidates.length === 1 ? [{ title: `Change to "${candidates[0]}"`, isPreferred: false, edits: [{ offset: use.offset, length: use.length, content: candidates[0] }] }] : [],
        });
      }
    }
  },
};
