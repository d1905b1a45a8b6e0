import type { Command } from './command.js';

/**
 * Every `canon` command and the module that implements it. Modules load only when their command
 * runs, so start-up stays lean (`canon validate` never loads the generators or Express).
 */
export const COMMANDS: Readonly<Record<string, { summary: string; module: string }>> = {
  validate: { summary: 'Check specs for errors', module: './commands/validate.js' },
  show: { summary: "Summarize a spec: counts and each resource's operations", module: './commands/show.js' },
  lint: { summary: 'Check specs against naming and event conventions', module: './commands/lint.js' },
  diff: { summary: 'Classify every change between two versions of a spec', module: './commands/diff.js' },
  check: {
    summary: 'CI gate: diff specs against a git ref or the registry, and lint them',
    module: './commands/check.js',
  },
  generate: { summary: 'Generate code from a spec', module: './commands/generate.js' },
  generators: { summary: 'List the available generators', module: './commands/generators.js' },
  convert: { summary: 'Convert a spec between api.json and OpenAPI', module: './commands/convert.js' },
  serve: { summary: 'Run the registry', module: './commands/serve.js' },
  publish: { summary: 'Publish a spec version to the registry', module: './commands/publish.js' },
  update: {
    summary: 'Refresh generated code from the registry per canon.config.json',
    module: './commands/update.js',
  },
  registry: { summary: 'Registry maintenance: export and import backups', module: './commands/registry.js' },
  up: {
    summary: 'Start a local registry with the specs in specs/ published (the main job)',
    module: './commands/up.js',
  },
};

export async function loadCommand(name: string): Promise<Command | undefined> {
  const entry = COMMANDS[name];
  if (!entry) return undefined;
  const path: string = entry.module;
  const mod = (await import(path)) as { command: Command };
  return mod.command;
}
