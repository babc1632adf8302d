// S3 Bucket Policy — MIT License.
// The user settings of every test run of VS Code: code-server's (codeServer.mjs) and VS Code desktop's
// (test/e2e/runElectronTests.mjs).

/**
 * User settings for every run: no telemetry, welcome pages, update checks, AI features, network
 * look-ups or workspace-trust prompts; no minimap or sticky scroll (they take clicks in the editor).
 */
export const DEFAULT_SETTINGS = Object.freeze({
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': { '*': false },
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.acceptSuggestionOnEnter': 'on',
  'editor.snippetSuggestions': 'top',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'workbench.editor.enablePreview': false,
});
