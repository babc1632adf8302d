/* S3 Bucket Policy — MIT License. */
import { actionNameCase } from './actionNameCase';
import { actionPrefixCase } from './actionPrefixCase';
import { actionResourceMismatch } from './actionResourceMismatch';
import { allowWildcardAction } from './allowWildcardAction';
import { allowWithNotPrincipal } from './allowWithNotPrincipal';
import { conditionTypeMismatch } from './conditionTypeMismatch';
import { conflictingElements } from './conflictingElements';
import { documentTooLarge } from './documentTooLarge';
import { duplicateKey } from './duplicateKey';
import { duplicateSid } from './duplicateSid';
import { emptyElement } from './emptyElement';
import { emptyStatement } from './emptyStatement';
import { forAllValuesSingleValued } from './forAllValuesSingleValued';
import { incompleteSecureTransportDeny } from './incompleteSecureTransportDeny';
import { invalidArn } from './invalidArn';
import { invalidConditionOperator } from './invalidConditionOperator';
import { invalidConditionValue } from './invalidConditionValue';
import { invalidEffect } from './invalidEffect';
import { invalidIpRange } from './invalidIpRange';
import { invalidPrincipal } from './invalidPrincipal';
import { invalidRegion } from './invalidRegion';
import { invalidSid } from './invalidSid';
import { invalidType } from './invalidType';
import { invalidVersion } from './invalidVersion';
import { irrelevantConditionKey } from './irrelevantConditionKey';
import { invertedSecureTransport } from './invertedSecureTransport';
import { ipRangeHostBits } from './ipRangeHostBits';
import { jsonSyntax } from './jsonSyntax';
import { legacyVersion } from './legacyVersion';
import { missingConditionQualifier } from './missingConditionQualifier';
import { missingElement } from './missingElement';
import { missingPairedConditionKey } from './missingPairedConditionKey';
import { missingPrincipal } from './missingPrincipal';
import { missingSecureTransportDeny } from './missingSecureTransportDeny';
import { missingVersion } from './missingVersion';
import { mixedBuckets } from './mixedBuckets';
import { nonS3Action } from './nonS3Action';
import { notAPolicy } from './notAPolicy';
import { nullWithQualifier } from './nullWithQualifier';
import { placeholder } from './placeholder';
import { policySize } from './policySize';
import { policyVariableMisuse } from './policyVariableMisuse';
import { principalUniqueId } from './principalUniqueId';
import { privateIpInSourceIp } from './privateIpInSourceIp';
import { publicAccess } from './publicAccess';
import { publicAcl } from './publicAcl';
import type { Rule } from './rule';
import { redundantAction } from './redundantAction';
import { redundantConditionValue } from './redundantConditionValue';
import { redundantResource } from './redundantResource';
import { redundantStatement } from './redundantStatement';
import { resourceNotPolicyBucket } from './resourceNotPolicyBucket';
import { secureTransportDenyNotStrict } from './secureTransportDenyNotStrict';
import { smartQuotes } from './smartQuotes';
import { unknownAction } from './unknownAction';
import { unknownConditionKey } from './unknownConditionKey';
import { unknownElement } from './unknownElement';
import { unrestrictedServicePrincipal } from './unrestrictedServicePrincipal';
import { unsupportedActionForConditionKey } from './unsupportedActionForConditionKey';
import { unsupportedPrincipalType } from './unsupportedPrincipalType';
import { unsupportedServicePrincipalConditionKey } from './unsupportedServicePrincipalConditionKey';
import { unsupportedTagConditionKey } from './unsupportedTagConditionKey';
import { wildcardServiceName } from './wildcardServiceName';
import { wildcardWithoutLike } from './wildcardWithoutLike';

/**
 * The single registry of rules, in reporting order: syntax first, then structure, then meaning.
 * Settings (`s3Policy.lint.<id>` in package.json), docs/rules/<id>.md and the CLI's `--rule` all
 * derive from this list; test/unit/manifest.test.ts fails when they disagree.
 */
export const ALL_RULES: readonly Rule[] = [
  jsonSyntax,
  smartQuotes,
  duplicateKey,
  unknownElement,
  invalidType,
  missingElement,
  missingPrincipal,
  conflictingElements,
  emptyStatement,
  invalidVersion,
  missingVersion,
  legacyVersion,
  invalidEffect,
  invalidPrincipal,
  principalUniqueId,
  unsupportedPrincipalType,
  invalidArn,
  mixedBuckets,
  resourceNotPolicyBucket,
  duplicateSid,
  invalidSid,
  emptyElement,
  redundantAction,
  redundantResource,
  redundantStatement,
  redundantConditionValue,
  policySize,
  invalidConditionOperator,
  actionPrefixCase,
  actionNameCase,
  wildcardServiceName,
  nonS3Action,
  unknownAction,
  actionResourceMismatch,
  unknownConditionKey,
  conditionTypeMismatch,
  invalidConditionValue,
  invalidIpRange,
  invalidRegion,
  privateIpInSourceIp,
  ipRangeHostBits,
  forAllValuesSingleValued,
  missingConditionQualifier,
  nullWithQualifier,
  missingPairedConditionKey,
  irrelevantConditionKey,
  wildcardWithoutLike,
  policyVariableMisuse,
  unsupportedActionForConditionKey,
  unsupportedTagConditionKey,
  allowWithNotPrincipal,
  unsupportedServicePrincipalConditionKey,
  unrestrictedServicePrincipal,
  publicAccess,
  allowWildcardAction,
  publicAcl,
  missingSecureTransportDeny,
  incompleteSecureTransportDeny,
  secureTransportDenyNotStrict,
  invertedSecureTransport,
  placeholder,
  documentTooLarge,
  notAPolicy,
];

/** Looks a rule up by id. */
export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
