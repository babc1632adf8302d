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

const DEFAULTS: DocumentSettings = { recognition: DEFAULT_RECOGNITION_SETTINGS, rules: {} };

/**
 * Reads `s3Policy.*` per document through `workspace/configuration` when the client supports it,
 * caching per uri until the configuration changes.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();

  constructor(private readonly connection: Connection, private readonly supportsConfiguration: () => boolean) {}

  get(uri: string): Promise<DocumentSettings> {
    if (!this.supportsConfiguration()) {
      return Promise.resolve(DEFAULTS);
    }
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 's3Policy' })
        .then((raw: S3PolicySettings | null) => ({
          recognition: {
            files: Array.isArray(raw?.files) ? raw.files : DEFAULT_RECOGNITION_SETTINGS.files,
            detectByContent: typeof raw?.detectByContent === 'boolean' ? raw.detectByContent : DEFAULT_RECOGNITION_SETTINGS.detectByContent,
          },
          rules: raw?.lint && typeof raw.lint === 'object' ? raw.lint : {},
        }), () => DEFAULTS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  clear(uri?: string): void {
    if (uri === undefined) {
      this.cache.clear();
    } else {
      this.cache.delete(uri);
    }
  }
}
