/* S3 Bucket Policy — MIT License. */
/**
 * Reading the REQUEST.json of `s3-policy-lint simulate`: `{"principal", "action", "resource",
 * "context", "resourceAccount", "identityPolicies", "blockPublicAccess"}`, every field but the first
 * three optional. Anything else is a usage error that says what to write instead.
 */
import type { AccessRequest, BlockPublicAccess, RequestPrincipal } from '../service/access/types';
import { PRINCIPAL_FORMS, readRequestPrincipal } from '../service/access/principalText';
import { splitArn } from '../service/arns';
import { UsageError } from './options';

/** The request file, read and checked. */
export interface SimulateRequest {
  request: AccessRequest;
  resourceAccount: string | undefined;
  /** Each identity policy as JSON text (parsed by the service); undefined when not given (unknown, not none). */
  identityPolicies: string[] | undefined;
  blockPublicAccess: BlockPublicAccess | undefined;
}

const ACCOUNT_ID = /^\d{12}$/;

/** A principal as REQUEST.json writes it: "anonymous", an account ID, an IAM or STS ARN, or a service principal. */
export function readPrincipal(text: string): RequestPrincipal {
  const principal = readRequestPrincipal(text);
  if (!principal) {
    throw new UsageError(`"principal": "${text}" is not a principal: write ${PRINCIPAL_FORMS}.`);
  }
  return principal;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function contextValue(key: string, value: unknown): string | string[] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) {
    return value.map(String);
  }
  throw new UsageError(`"context": "${key}" must be a string, a number, a Boolean or a list of them.`);
}

const BPA_FIELDS = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const;

/** Reads and checks the request file's text. */
export function readSimulateRequest(text: string, file: string): SimulateRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${(error as Error).message}).`);
  }
  if (!isObject(json)) {
    throw new UsageError(`${file}: write one object, {"principal": …, "action": …, "resource": …}.`);
  }
  const known = new Set(['principal', 'action', 'resource', 'context', 'resourceAccount', 'identityPolicies', 'blockPublicAccess']);
  const unknown = Object.keys(json).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new UsageError(`${file}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}; the fields are ${[...known].join(', ')}.`);
  }
  for (const field of ['principal', 'action', 'resource'] as const) {
    if (typeof json[field] !== 'string' || json[field] === '') {
      throw new UsageError(`${file}: "${field}" is required, as a string.`);
    }
  }
  const action = json.action as string;
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) {
    throw new UsageError(`${file}: "action": "${action}" is not an IAM action; write one such as "s3:GetObject".`);
  }
  const resource = json.resource as string;
  if (!splitArn(resource)) {
    throw new UsageError(`${file}: "resource": "${resource}" is not an ARN; write "arn:aws:s3:::bucket" or "arn:aws:s3:::bucket/key".`);
  }
  if (json.context !== undefined && !isObject(json.context)) {
    throw new UsageError(`${file}: "context" must be an object of context keys, {"aws:SourceIp": "203.0.113.7"}.`);
  }
  const context = Object.fromEntries(Object.entries(json.context ?? {}).map(([key, value]) => [key, contextValue(key, value)]));
  if (json.resourceAccount !== undefined && (typeof json.resourceAccount !== 'string' || !ACCOUNT_ID.test(json.resourceAccount))) {
    throw new UsageError(`${file}: "resourceAccount" must be a 12-digit account ID, as a string.`);
  }
  if (json.identityPolicies !== undefined && (!Array.isArray(json.identityPolicies) || !json.identityPolicies.every(isObject))) {
    throw new UsageError(`${file}: "identityPolicies" must be a list of policy objects.`);
  }
  const bpa = json.blockPublicAccess;
  if (bpa !== undefined && (!isObject(bpa) || Object.entries(bpa).some(([key, value]) => !(BPA_FIELDS as readonly string[]).includes(key) || typeof value !== 'boolean'))) {
    throw new UsageError(`${file}: "blockPublicAccess" takes Booleans for ${BPA_FIELDS.join(', ')}.`);
  }
  return {
    request: { principal: readPrincipal(json.principal as string), action, resource, context },
    resourceAccount: json.resourceAccount,
    identityPolicies: (json.identityPolicies as object[] | undefined)?.map((policy) => JSON.stringify(policy)),
    blockPublicAccess: bpa as BlockPublicAccess | undefined,
  };
}
