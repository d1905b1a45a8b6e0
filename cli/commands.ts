import type { Command } from './command.js';

/**
 * Every `canon` command and the module that implements it. Modules load only when their command
 * runs, so start-up stays lean (`canon validate` never loads the generators or Express).
 */
export const COMMANDS: Readonly<
  Record<string, { summary: string; load: () => Promise<{ command: Command }> }>
> = {
  validate: { summary: 'Check specs for errors', load: () => import('./commands/validate.js') },
  show: {
    summary: "Summarize a spec: counts and each resource's operations",
    load: () => import('./commands/show.js'),
  },
  lint: {
    summary: 'Check specs against naming and event conventions',
    load: () => import('./commands/lint.js'),
  },
  diff: {
    summary: 'Classify every change between two versions of a spec',
    load: () => import('./commands/diff.js'),
  },
  check: {
    summary: 'CI gate: diff specs against a git ref or the registry, and lint them',
    load: () => import('./commands/check.js'),
  },
  'github-check': {
    summary: 'CI gate for GitHub Actions: annotations, job summary, one pull-request comment',
    load: () => import('./commands/github-check.js'),
  },
  generate: { summary: 'Generate code from a spec', load: () => import('./commands/generate.js') },
  generators: { summary: 'List the available generators', load: () => import('./commands/generators.js') },
  convert: {
    summary: 'Convert a spec between api.json and OpenAPI, or export its events as AsyncAPI',
    load: () => import('./commands/convert.js'),
  },
  serve: { summary: 'Run the registry', load: () => import('./commands/serve.js') },
  publish: { summary: 'Publish a spec version to the registry', load: () => import('./commands/publish.js') },
  subjects: {
    summary: 'JSON Schema subjects: register, check, fetch, set compatibility',
    load: () => import('./commands/subjects.js'),
  },
  trace: {
    summary: 'Trace an annotation (personal_data) through every service in the registry',
    load: () => import('./commands/trace.js'),
  },
  update: {
    summary: 'Refresh generated code from the registry per canon.config.json',
    load: () => import('./commands/update.js'),
  },
  events: {
    summary: 'List and retry the messages an event consumer parked in its database',
    load: () => import('./commands/events.js'),
  },
  registry: {
    summary: 'Operate a registry: tokens, policies, modes, change logs, dependents, deletes, backups',
    load: () => import('./commands/registry.js'),
  },
  up: {
    summary: 'Start a local registry with the specs in specs/ published (the main job)',
    load: () => import('./commands/up.js'),
  },
};

/** The command called `name`, its module loaded now; undefined for an unknown name. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const entry = COMMANDS[name];
  if (!entry) return undefined;
  return (await entry.load()).command;
}
