/* S3 Bucket Policy — MIT License. */
import type { Node } from 'jsonc-parser';
import { arnFieldOffset, replaceArnField, splitArn } from '../arns';
import type { ConditionEntry } from '../conditionEntries';
import { policyConditionEntries, StatementEntry } from '../conditions/policyConditions';
import { isPartitionId, knownRegions, readRegion, RegionReading, REGIONS_SOURCE, regionWithLetters } from '../data/regions';
import { memoize } from '../data/memoize';
import { replaceStringEdit } from '../edits/jsonEdits';
import { stringNodes } from '../parser/nodeUtils';
import { RESOURCE_ELEMENTS } from '../parser/policyDocument';
import { hasMalformingPlaceholder } from '../placeholders';
import type { PolicyFix } from '../policyLanguageTypes';
import { editDistance } from '../suggestions';
import { substringRange } from '../valueProblems';
import type { Rule, RuleContext } from './rule';

/** The condition keys whose values are Region codes, by lowercased name (all three are in the AWS data). */
const REGION_KEYS: ReadonlySet<string> = new Set(['aws:requestedregion', 's3:locationconstraint', 's3:destinationregion']);

/** `EU`: the legacy location constraint of eu-west-1, which S3 still accepts and reports. */
const LEGACY_LOCATION = 'EU';

/** The Region a value that is not one most likely meant, and how sure that is. */
interface Intended {
  region: string;
  /** True when the value is the Region in another case or punctuation, or a zone of it: the fix is preferred. */
  certain: boolean;
  /** Why the value is not that Region, as a clause: `it is an Availability Zone of us-east-1`. */
  reason?: string;
}

/** A Region code followed by an Availability Zone letter (`us-east-1a`) or a Local or Wavelength Zone (`us-east-1-bos-1a`). */
const ZONE = /^(.*?-\d+)([a-z]|-[a-z0-9-]+)$/;
/** An Availability Zone ID (`use1-az4`). */
const ZONE_ID = /^[a-z]{2,6}\d+-az\d+$/;
/** The global endpoint of a partition (`aws-global`, `aws-us-gov-global`), which the SDK lists with the Regions. */
const GLOBAL_ENDPOINT = /^aws(-[a-z]+)*-global$/;
const WILDCARD_OR_VARIABLE = /[*?]|\$\{/;
const TRAILING_NUMBER = /\d+$/;
/** Longer values are no typo of a Region code, and the zone pattern is not run on them. */
const MAX_REGION_LENGTH = 64;

/** The known Region that a value becomes when two neighbouring characters trade places (`us-esat-1`), if one. */
function transposedRegion(value: string): string | undefined {
  for (let index = 0; index + 1 < value.length; index++) {
    const swapped = `${value.slice(0, index)}${value[index + 1]}${value[index]}${value.slice(index + 2)}`;
    if (readRegion(swapped).status === 'known') {
      return swapped;
    }
  }
  return undefined;
}

/** The known Region a value that is not one most likely meant, if any; computed once per value. */
const intendedRegion = memoize((value: string): Intended | undefined => {
  const lower = value.trim().toLowerCase();
  if (lower.length > MAX_REGION_LENGTH) {
    return undefined;
  }
  const sameLetters = regionWithLetters(lower.replace(/[^a-z0-9]/g, ''));
  if (sameLetters) {
    const trimmed = value.trim();
    const reason = sameLetters === trimmed ? 'it has spaces around it'
      : sameLetters === lower ? 'Region codes are lowercase'
        : trimmed === lower ? 'Region codes separate their parts with hyphens' : 'Region codes are lowercase, with hyphens between their parts';
    return { region: sameLetters, certain: true, reason };
  }
  const zone = ZONE.exec(lower);
  if (zone && readRegion(zone[1]).status === 'known') {
    const what = zone[2].length === 1 ? 'an Availability Zone' : 'a Local Zone or Wavelength Zone';
    return { region: zone[1], certain: true, reason: `it is ${what} of ${zone[1]}` };
  }
  // A known Region's name with another number ("us-east-3") may be a Region newer than the list.
  const stem = lower.replace(TRAILING_NUMBER, '');
  if (readRegion(lower).status === 'unlisted' && knownRegions().some((region) => region.replace(TRAILING_NUMBER, '') === stem)) {
    return undefined;
  }
  const swapped = transposedRegion(lower);
  if (swapped) {
    return { region: swapped, certain: false };
  }
  const distances = knownRegions().map((region) => ({ region, distance: editDistance(lower, region, 2) }));
  const best = Math.min(...distances.map(({ distance }) => distance));
  const closest = distances.filter(({ distance }) => distance === best && distance <= 2);
  return closest.length === 1 ? { region: closest[0].region, certain: false } : undefined;
});

/** What is wrong with one Region code, and the Region to write instead. */
interface RegionFinding {
  message: string;
  severity?: 'warning';
  replacement?: { region: string; isPreferred: boolean };
}

/**
 * Why `region` is not a known Region, or undefined when it is one. `consequence` completes the first
 * sentence: `so "aws:RequestedRegion" never has this value`.
 */
function regionFinding(region: string, reading: RegionReading, consequence: string): RegionFinding | undefined {
  if (reading.status === 'known') {
    return undefined;
  }
  const intended = intendedRegion(region);
  const replacement = intended && { region: intended.region, isPreferred: intended.certain };
  const suggestion = !intended ? '' : intended.certain ? ` Write "${intended.region}".` : ` Did you mean "${intended.region}"?`;
  if (reading.status === 'unlisted') {
    return {
      message: `"${region}" has the form of a Region of the ${reading.partition} partition, but no such Region is in this extension's list (${REGIONS_SOURCE}).`
        + (intended ? suggestion : ' If it is a Region opened since, ignore this warning; otherwise correct it.'),
      severity: 'warning',
      replacement,
    };
  }
  const lower = region.trim().toLowerCase();
  const reason = intended?.reason ?? (ZONE_ID.test(lower) ? 'it is an Availability Zone ID' : GLOBAL_ENDPOINT.test(lower) ? 'it names the global endpoint of a partition, not a Region' : undefined);
  const form = reason ? `: ${reason}` : ' (Region codes look like us-east-1 or eu-central-1)';
  return { message: `"${region}" is not an AWS Region${form}, ${consequence}.${suggestion}`, replacement };
}

function fixesFor(node: Node, finding: RegionFinding, fixed: (region: string) => string): PolicyFix[] {
  if (!finding.replacement) {
    return [];
  }
  const value = fixed(finding.replacement.region);
  return [{ title: `Change to "${value}"`, isPreferred: finding.replacement.isPreferred, edits: [replaceStringEdit(node, value)] }];
}

/** A value of a Region-valued key (aws:RequestedRegion, s3:LocationConstraint, s3:destinationRegion). */
function checkRegionValue(context: RuleContext, entry: ConditionEntry, node: Node): void {
  const value = String(node.value);
  const ignoreCase = entry.baseOperator.endsWith('IgnoreCase');
  const compared = ignoreCase ? value.toLowerCase() : value;
  const location = entry.lowerKey === 's3:locationconstraint';
  if ((location && (ignoreCase ? value.toUpperCase() : value) === LEGACY_LOCATION) || WILDCARD_OR_VARIABLE.test(value) || hasMalformingPlaceholder(value)) {
    return;
  }
  const finding = location && value.trim().toUpperCase() === LEGACY_LOCATION
    ? { message: `"${value}" is not a location constraint S3 sends: the legacy name of eu-west-1 is written "${LEGACY_LOCATION}", so "${entry.key}" never has this value. Write "${LEGACY_LOCATION}" (or "eu-west-1").`, replacement: { region: LEGACY_LOCATION, isPreferred: true } }
    : regionFinding(value, readRegion(compared), `so "${entry.key}" never has this value`);
  if (finding) {
    context.report(substringRange(context.policy.text, node, 0, value.length), finding.message, {
      severity: finding.severity,
      fixes: fixesFor(node, finding, (region) => region),
    });
  }
}

/** True when the fourth field of an ARN-like string (its Region) is not empty; no allocation, for the common global ARNs. */
function hasRegionField(value: string): boolean {
  let colon = -1;
  for (let field = 0; field < 3; field++) {
    colon = value.indexOf(':', colon + 1);
    if (colon < 0) {
      return false;
    }
  }
  return colon + 1 < value.length && value[colon + 1] !== ':';
}

/** The Region field of an ARN: in an ARN-valued condition, or in an S3 Express resource. */
function checkArnRegion(context: RuleContext, node: Node, ignoreCase: boolean): void {
  const value = String(node.value);
  const fields = value.startsWith('arn:') && hasRegionField(value) ? splitArn(value) : undefined;
  if (!fields || fields.region === '' || WILDCARD_OR_VARIABLE.test(fields.region) || hasMalformingPlaceholder(value)) {
    return;
  }
  const reading = readRegion(ignoreCase ? fields.region.toLowerCase() : fields.region);
  const range = substringRange(context.policy.text, node, arnFieldOffset(value, 3), fields.region.length);
  const partition = ignoreCase ? fields.partition.toLowerCase() : fields.partition;
  if (reading.status === 'known') {
    if (isPartitionId(partition) && reading.partition !== partition) {
      context.report(range, `"${fields.region}" is a Region of the ${reading.partition} partition, but this ARN is in "${fields.partition}", so it names no resource. ARNs in ${fields.region} start with "arn:${reading.partition}:".`);
    }
    return;
  }
  const finding = regionFinding(fields.region, reading, 'so this ARN names no resource');
  if (finding) {
    context.report(range, finding.message, { severity: finding.severity, fixes: fixesFor(node, finding, (region) => replaceArnField(3, region)(value)) });
  }
}

/** True for entries whose values are ARNs: Arn operators, and String operators on ARN keys. */
function holdsArns({ key, family }: StatementEntry, lowerKey: string): boolean {
  return family === 'Arn' || (family === 'String' && (key?.type === 'ARN' || lowerKey.endsWith('arn')));
}

/**
 * A Region that does not exist (Access Analyzer "Invalid Region", "Invalid ARN Region"): a value of
 * aws:RequestedRegion, s3:LocationConstraint or s3:destinationRegion, or the Region field of an ARN
 * in an ARN condition or an S3 Express resource, that is no Region code (`us-east1`, `US-EAST-1`, an
 * Availability Zone) is an error; one that has a partition's form but is not in the Region list
 * (perhaps a newer Region) is a warning; a known Region under another partition's ARN is an error.
 * The Region list comes from the AWS SDK's partition table. Bucket and object ARNs take no Region at
 * all, which invalidArn reports.
 */
export const invalidRegion: Rule = {
  id: 'invalidRegion',
  defaultSeverity: 'error',
  description: 'A Region that does not exist: in aws:RequestedRegion or s3:LocationConstraint (us-east1, US-EAST-1, an Availability Zone), or in the Region field of an ARN.',
  runsOnBrokenDocuments: false,
  check(context) {
    for (const item of policyConditionEntries(context.policy)) {
      if (!item.fits || !item.family) {
        continue;
      }
      const { lowerKey } = item.entry;
      const regionValued = item.family === 'String' && REGION_KEYS.has(lowerKey);
      if (!regionValued && !holdsArns(item, lowerKey)) {
        continue;
      }
      const ignoreCase = item.entry.baseOperator.endsWith('IgnoreCase');
      for (const node of item.entry.values) {
        if (node.type === 'string') {
          if (regionValued) {
            checkRegionValue(context, item.entry, node);
          } else {
            checkArnRegion(context, node, ignoreCase);
          }
        }
      }
    }
    for (const statement of context.policy.statements) {
      for (const element of RESOURCE_ELEMENTS) {
        for (const node of stringNodes(statement.elements[element]?.valueNode)) {
          const value = String(node.value);
          if (value.includes(':s3express:') && splitArn(value)?.service === 's3express') {
            checkArnRegion(context, node, false);
          }
        }
      }
    }
  },
};
