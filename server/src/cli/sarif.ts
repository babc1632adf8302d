/* S3 Bucket Policy — MIT License. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Log, ReportingDescriptor, Result } from 'sarif';
import { RULE_DOCS_BASE_URL, RuleSeverity } from '../service/policyLanguageTypes';
import { findRuleDescription } from '../service/ruleRegistry';
import { STDIN_NAME, relativeInside } from './files';
import type { FileReport } from './report';

/** The `$schema` GitHub code scanning documents for SARIF 2.1.0 uploads. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** What SARIF says about the tool itself. */
export interface SarifToolInfo {
  version: string;
  informationUri: string;
}

const LEVEL: Record<RuleSeverity, Result.level> = { error: 'error', warning: 'warning', information: 'note' };
const SOURCE_ROOT = '%SRCROOT%';

/** A file's location as SARIF wants it: relative to the working directory when inside it, else an absolute file URI. */
function artifactLocation(report: FileReport, cwd: string): ArtifactLocation {
  if (report.absolutePath === undefined) {
    return { uri: encodeURIComponent(STDIN_NAME), description: { text: 'standard input' } };
  }
  const relative = relativeInside(cwd, report.absolutePath);
  if (relative === undefined) {
    return { uri: pathToFileURL(report.absolutePath).href };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function ruleDescriptor(id: string): ReportingDescriptor {
  const rule = findRuleDescription(id);
  const description = rule?.description ?? id;
  const helpUri = `${RULE_DOCS_BASE_URL}${id}.md`;
  const defaultSeverity = rule?.defaultSeverity ?? 'error';
  return {
    id,
    name: id,
    shortDescription: { text: description },
    fullDescription: {
      text: `${description} Reported as ${defaultSeverity} unless configured: --rule ${id}=off|information|warning|error, or "rules" in .s3policylintrc.json.`,
    },
    help: {
      text: `${description} What it means, an example of the problem and the fix: ${helpUri}`,
      markdown: `${description}\n\nWhat it means, an example of the problem and the fix: [docs/rules/${id}.md](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: LEVEL[defaultSeverity] },
  };
}

/**
 * The reports as a SARIF 2.1.0 log for GitHub code scanning and other viewers: one run, a rule
 * entry per rule that fired, 1-based regions in UTF-16 columns (as the editor counts them), file
 * URIs relative to the working directory, and the I/O errors as tool notifications.
 */
export function formatSarif(reports: readonly FileReport[], ioErrors: readonly string[], tool: SarifToolInfo, cwd: string): string {
  const ruleIds = [...new Set(reports.flatMap((report) => report.diagnostics.map((diagnostic) => diagnostic.code)))];
  const locations = reports.map((report) => artifactLocation(report, cwd));
  const results: Result[] = reports.flatMap((report, artifactIndex) => report.diagnostics.map((diagnostic): Result => ({
    ruleId: diagnostic.code,
    ruleIndex: ruleIds.indexOf(diagnostic.code),
    level: LEVEL[diagnostic.severity],
    message: { text: diagnostic.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { ...locations[artifactIndex], index: artifactIndex },
        region: {
          startLine: diagnostic.range.start.line + 1,
          startColumn: diagnostic.range.start.character + 1,
          endLine: diagnostic.range.end.line + 1,
          endColumn: diagnostic.range.end.character + 1,
        },
      },
    }],
  })));
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 's3-policy-lint',
          version: tool.version,
          semanticVersion: tool.version,
          informationUri: tool.informationUri,
          rules: ruleIds.map(ruleDescriptor),
        },
      },
      originalUriBaseIds: { [SOURCE_ROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/$/, '')}/` } },
      artifacts: locations.map((location) => ({ location })),
      columnKind: 'utf16CodeUnits',
      invocations: [{
        executionSuccessful: ioErrors.length === 0,
        toolExecutionNotifications: ioErrors.map((error) => ({ level: 'error', message: { text: error } })),
      }],
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
