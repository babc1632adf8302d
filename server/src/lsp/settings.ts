/* S3 Bucket Policy — MIT License. */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_RECOGNITION_SETTINGS } from '../service/policyRecognition';
import type { PolicyRecognitionSettings, RuleSetting } from '../service/policyLanguageTypes';

/** The `s3Policy` settings section as the editor returns it. */
export interface S3PolicySettings {
  files?: string[];
  detectByContent?: boolean;
  lint?: Record<string, RuleSetting>;
}

/** Resolved settings for one document. */
export interface DocumentSettings {
  recognition: PolicyRecognitionSettings;
  rules: Partial<Record<string, RuleSetting>>;
}

const RULE_SETTINGS: readonly unknown[] = ['off', 'information', 'warning', 'error'] satisfies RuleSetting[];

/** Turns the raw section into settings, keeping defaults for anything missing or malformed. */
function resolveSettings(raw: S3PolicySettings | null | undefined): DocumentSettings {
  const rules: Partial<Record<string, RuleSetting>> = {};
  if (raw?.lint && typeof raw.lint === 'object') {
    for (const [ruleId, setting] of Object.entries(raw.lint)) {
      if (RULE_SETTINGS.includes(setting)) {
        rules[ruleId] = setting;
      }
    }
  }
  return {
    recognition: {
      files: Array.isArray(raw?.files) ? raw.files.filter((glob) => typeof glob === 'string') : DEFAULT_RECOGNITION_SETTINGS.files,
      detectByContent: typeof raw?.detectByContent === 'boolean' ? raw.detectByContent : DEFAULT_RECOGNITION_SETTINGS.detectByContent,
    },
    rules,
  };
}

/**
 * Reads `s3Policy.*` per document through `workspace/configuration` when the client supports it,
 * caching per uri until the configuration changes. A client without that capability gets the
 * settings it pushes with `workspace/didChangeConfiguration` (`{ s3Policy: … }`), or the defaults.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  private pushed: DocumentSettings = resolveSettings(undefined);

  constructor(private readonly connection: Connection, private readonly supportsConfiguration: () => boolean) {}

  get(uri: string): Promise<DocumentSettings> {
    if (!this.supportsConfiguration()) {
      return Promise.resolve(this.pushed);
    }
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 's3Policy' })
        .then((raw: S3PolicySettings | null) => resolveSettings(raw), () => resolveSettings(undefined));
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** Settings pushed by a client that cannot be asked for them. */
  setPushed(raw: S3PolicySettings | null | undefined): void {
    this.pushed = resolveSettings(raw);
  }

  clear(uri?: string): void {
    if (uri === undefined) {
      this.cache.clear();
    } else {
      this.cache.delete(uri);
    }
  }
}
