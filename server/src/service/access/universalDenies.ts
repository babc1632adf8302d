/* S3 Bucket Policy — MIT License. */
/**
 * The Denies that apply to every requester alike: Principal "*" and conditions only on keys every
 * class of the summary sends with the same value (the network keys, aws:SecureTransport and the
 * headers a compliant caller sends). Whether one applies depends on the action, the resource and
 * the place only, so the summary works it out once for all classes and skips the requests it
 * denies: the same answer the evaluator gives them (explicit deny), without asking it again.
 */
import type { Node } from 'jsonc-parser';
import { conditionEntries } from '../conditionEntries';
import { stringNodes, stringValue } from '../parser/nodeUtils';
import type { PolicyDocument, PolicyStatement } from '../parser/policyDocument';
import { principalValues } from '../principals';
import { evaluateEntry } from './conditionEvaluation';
import { actionTruth, readsVariables, resourceTruth } from './evaluateStatement';
import { buildContext, RequestContext } from './requestContext';
import type { ContextValue } from './types';

/** A place a request comes from (the internet or a network), over HTTPS or HTTP: its context keys. */
export interface Place {
  context: Record<string, ContextValue>;
}

/** The universal Denies of a policy and, per place, whether each one's Condition holds. */
export interface UniversalDenies {
  /** True when some universal Deny applies to `action` on `resource` from `place`. */
  denies(action: string, resource: string, place: Place): boolean;
  /** The places among `places` (one list per `kind`) from which no universal Deny refuses `action` on `resource`; kept per action, resource and kind. */
  openPlaces<T extends Place>(action: string, resource: string, places: readonly T[], kind: string): ReadonlySet<T>;
}

/** True when a Deny applies to everyone, names resources without variables, and its conditions read only shared keys. */
function isUniversal(statement: PolicyStatement, isShared: (key: string) => boolean): boolean {
  if (stringValue(statement.elements.Effect?.valueNode) !== 'Deny' || statement.elements.NotPrincipal) {
    return false;
  }
  const values = principalValues(statement);
  return values.length === 1 && values[0].value === '*' && (values[0].type === '*' || values[0].type === 'AWS')
    && !stringNodes(statement.elements.Resource?.valueNode ?? statement.elements.NotResource?.valueNode).some((node) => String(node.value).includes('${'))
    && conditionEntries(statement).every((entry) => isShared(entry.lowerKey) && !entry.values.some((node) => String(node.value).includes('${')));
}

/**
 * Finds the universal Denies. `isShared` tells the lowercased keys every class sends with the
 * place's values and nothing else; with values the host cannot know, none is universal.
 */
export function universalDenies(policy: PolicyDocument, isShared: (key: string) => boolean, isUnknown: ((node: Node) => boolean) | undefined): UniversalDenies {
  const statements = isUnknown ? [] : policy.statements.filter((statement) => isUniversal(statement, isShared));
  const variables = readsVariables(policy);
  const conditionHolds = new Map<Place, boolean[]>();
  const covers = new Map<string, boolean[]>();
  const open = new Map<string, ReadonlySet<Place>>();
  return {
    openPlaces<T extends Place>(action: string, resource: string, places: readonly T[], kind: string): ReadonlySet<T> {
      const key = `${action}\n${resource}\n${kind}`;
      let set = open.get(key) as ReadonlySet<T> | undefined;
      if (!set) {
        set = new Set(statements.length === 0 ? places : places.filter((place) => !this.denies(action, resource, place)));
        open.set(key, set);
      }
      return set;
    },
    denies(action, resource, place) {
      let holds = conditionHolds.get(place);
      if (!holds) {
        const context: RequestContext = buildContext({ principal: { kind: 'anonymous' }, action, resource, context: place.context });
        holds = statements.map((statement) => conditionEntries(statement).every((entry) => evaluateEntry(entry, { context, variables, isUnknown }).result === 'yes'));
        conditionHolds.set(place, holds);
      }
      const key = `${action}\n${resource}`;
      let covered = covers.get(key);
      if (!covered) {
        const request = { principal: { kind: 'anonymous' } as const, action, resource };
        const context = buildContext(request);
        covered = statements.map((statement) => actionTruth(statement, action, undefined) === 'yes' && resourceTruth(statement, { request, context, variables, isUnknown: undefined }) === 'yes');
        covers.set(key, covered);
      }
      for (let index = 0; index < statements.length; index++) {
        if (holds[index] && covered[index]) {
          return true;
        }
      }
      return false;
    },
  };
}
