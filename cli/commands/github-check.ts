import { appendFile, readFile } from 'node:fs/promises';
import { type Command, EXIT, type Io, parseCommandArgs, UsageError } from '../command.js';
import { main } from '../main.js';

const HELP = `Usage: canon github-check [<path>…] [--base <git-ref>] [--fail-on L] [--no-comment]

The CI gate inside GitHub Actions (what action.yml runs). It runs
'canon check --changed-since <base>' on the specs under <path>… (default specs/), and then:
  - prints the findings as workflow annotations, shown on the pull request's changed lines;
  - appends the markdown report to the job summary ($GITHUB_STEP_SUMMARY);
  - on a pull request whose token may write (not one from a fork), posts the report as one
    comment, and edits that same comment on later pushes (it carries a hidden marker);
  - exits with canon check's own status: 0 passes, 1 breaking changes, lint errors or an
    invalid spec, 2 usage error.

Options:
  --base <git-ref>   the baseline (default origin/$GITHUB_BASE_REF, the pull request's target)
  --fail-on breaking|warning|never   as for canon check (default breaking)
  --no-comment       never comment, only annotate and summarize

Environment (set by GitHub Actions): GITHUB_BASE_REF, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH,
GITHUB_REPOSITORY, GITHUB_API_URL, and GITHUB_TOKEN (the token to comment with).`;

export const command: Command = {
  name: 'github-check',
  summary: 'CI gate for GitHub Actions: annotations, job summary, one pull-request comment',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { base: { type: 'string' }, 'fail-on': { type: 'string' }, 'no-comment': { type: 'boolean' } },
      'github-check',
    );
    const base = values.base ?? (io.env.GITHUB_BASE_REF ? `origin/${io.env.GITHUB_BASE_REF}` : undefined);
    if (base === undefined)
      throw new UsageError(
        'no baseline: GITHUB_BASE_REF is not set (this is not a pull_request run); pass --base <git-ref>.',
      );
    const gate = (format: string) => {
      const args = ['check', '--changed-since', base, ...positionals, '--format', format];
      return captured([...args, ...(values['fail-on'] ? ['--fail-on', values['fail-on']] : [])], io);
    };
    const annotations = await gate('github');
    io.out(annotations.out);
    io.err(annotations.err);
    const report = await gate('markdown');
    const markdown =
      report.status === EXIT.usage
        ? `## Canon check: could not run\n\n\`\`\`\n${report.err.trim()}\n\`\`\`\n`
        : report.out;
    if (io.env.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    if (!values['no-comment']) await comment(markdown, io);
    return report.status;
  },
};

/** Runs a canon command in-process and keeps what it printed. */
async function captured(argv: string[], io: Io): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await main(argv, {
    ...io,
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { status, out, err };
}

interface PullRequestEvent {
  pull_request?: { number?: number; head?: { repo?: { full_name?: string } | null } };
}

/**
 * Comments when the run is for a pull request and its token may write: GitHub gives a pull
 * request from a fork a read-only token, so there the job summary is the report.
 */
async function comment(markdown: string, io: Io): Promise<void> {
  const say = (text: string) => io.out(`${text}\n`);
  const { GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: repository, GITHUB_API_URL: api } = io.env;
  if (!eventPath || !repository || !api) return;
  const token = io.env.GITHUB_TOKEN;
  let event: PullRequestEvent;
  try {
    event = JSON.parse(await readFile(eventPath, 'utf8')) as PullRequestEvent;
  } catch {
    return say(`::warning title=canon::cannot read the event at GITHUB_EVENT_PATH; no pull-request comment.`);
  }
  const number = event.pull_request?.number;
  if (typeof number !== 'number') return;
  const head = event.pull_request?.head?.repo?.full_name;
  if (head !== repository && io.env.GITHUB_EVENT_NAME !== 'pull_request_target') {
    return say('canon: a pull request from a fork has a read-only token; the report is in the job summary.');
  }
  if (!token) return say('canon: no GITHUB_TOKEN given; the report is in the job summary only.');
  const { upsertComment } = await import('../ci/pull-request-comment.js');
  const target = { api, repository, pullRequest: number, token };
  const outcome = await upsertComment(target, markdown).catch((error: Error) => ({
    done: 'refused' as const,
    reason: error.message,
  }));
  if (outcome.done === 'refused')
    say(
      `::warning title=canon::no pull-request comment (${outcome.reason}); the report is in the job summary.`,
    );
  else say(`canon: ${outcome.done} the pull-request comment ${outcome.url}`.trimEnd());
}
