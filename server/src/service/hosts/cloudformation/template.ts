/* S3 Bucket Policy — MIT License. */
import { entryValue, HostMap, HostValue, scalarText } from '../hostValue';

/** A resource of the template: its logical id, type and properties. */
export interface TemplateResource {
  logicalId: string;
  type: string | undefined;
  properties: HostValue | undefined;
  /** The whole resource value, for its range. */
  value: HostValue;
}

/** A parameter with what the template says of its value. */
export interface TemplateParameter {
  name: string;
  type: string | undefined;
  defaultValue: string | undefined;
}

/** What the policy layer needs of a CloudFormation template. */
export interface Template {
  root: HostMap;
  resources: Map<string, TemplateResource>;
  parameters: Map<string, TemplateParameter>;
  /** The top-level `Mappings`, for `Fn::FindInMap`. */
  mappings: HostValue | undefined;
  /** True for the `resources.Resources` section of a Serverless Framework file. */
  isServerless: boolean;
}

/** A resource type as CloudFormation writes them: `AWS::S3::Bucket`, `Custom::Thing`. */
const RESOURCE_TYPE = /^(?:[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(?:::[A-Za-z0-9]+)?|Custom::[A-Za-z0-9_@-]+)$/;

/** True when a `Resources` mapping has an entry with a resource `Type`. */
function hasResourceTypes(resources: HostValue | undefined): resources is HostMap {
  return resources?.kind === 'map' && resources.entries.some((entry) => RESOURCE_TYPE.test(scalarText(entryValue(entry.value, 'Type')) ?? ''));
}

/**
 * Recognises a CloudFormation template (SAM and `cdk synth` output included) or a Serverless
 * Framework file by content: a top-level `Resources` mapping (`resources.Resources` in
 * serverless.yml) with at least one entry whose `Type` looks like a resource type. Kubernetes
 * manifests, workflows, OpenAPI files and package.json have none.
 */
export function readTemplate(root: HostValue | undefined): Template | undefined {
  if (root?.kind !== 'map') {
    return undefined;
  }
  let resources = entryValue(root, 'Resources');
  let isServerless = false;
  if (!hasResourceTypes(resources)) {
    resources = entryValue(entryValue(root, 'resources'), 'Resources');
    isServerless = true;
    if (!hasResourceTypes(resources)) {
      return undefined;
    }
  }
  const template: Template = {
    root,
    resources: new Map(),
    parameters: new Map(),
    mappings: entryValue(root, 'Mappings'),
    isServerless,
  };
  for (const entry of resources.entries) {
    const logicalId = scalarText(entry.key);
    if (logicalId !== undefined && entry.value) {
      template.resources.set(logicalId, { logicalId, type: scalarText(entryValue(entry.value, 'Type')), properties: entryValue(entry.value, 'Properties'), value: entry.value });
    }
  }
  const parameters = entryValue(root, 'Parameters');
  for (const entry of parameters?.kind === 'map' ? parameters.entries : []) {
    const name = scalarText(entry.key);
    if (name === undefined) {
      continue;
    }
    template.parameters.set(name, {
      name,
      type: scalarText(entryValue(entry.value, 'Type')),
      defaultValue: scalarText(entryValue(entry.value, 'Default')),
    });
  }
  return template;
}

/** The bucket policies of a template: every resource of type `AWS::S3::BucketPolicy`. */
export function bucketPolicyResources(template: Template): TemplateResource[] {
  return [...template.resources.values()].filter((resource) => resource.type === 'AWS::S3::BucketPolicy');
}
