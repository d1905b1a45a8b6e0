/** The hidden line that marks Canon's own comment, so a later run edits it instead of adding one. */
export const COMMENT_MARKER = '<!-- canon-check -->';

/** Where and as whom to comment: GitHub's REST API, a repository `owner/name`, an issue number. */
export interface CommentTarget {
  api: string;
  repository: string;
  pullRequest: number;
  token: string;
}

/** What happened to the comment: written (`created` or `updated`), or why it was not. */
export type CommentOutcome =
  | { done: 'created' | 'updated'; url: string }
  | { done: 'refused'; reason: string };

/**
 * Writes `body` as Canon's one comment on the pull request: edits the comment that carries
 * `COMMENT_MARKER` when there is one, creates it otherwise. A token that may not write (a fork's
 * read-only token) is a `refused` outcome, not an error: the job summary still has the report.
 */
export async function upsertComment(target: CommentTarget, body: string): Promise<CommentOutcome> {
  const text = body.includes(COMMENT_MARKER) ? body : `${COMMENT_MARKER}\n${body}`;
  const base = `${target.api.replace(/\/+$/, '')}/repos/${target.repository}`;
  const request = async (method: string, url: string, payload?: object) => {
    const response = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${target.token}`,
        'x-github-api-version': '2022-11-28',
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    const json = response.headers.get('content-type')?.includes('json') ? await response.json() : undefined;
    return { status: response.status, json: json as unknown };
  };
  let existing: number | undefined;
  for (let page = 1; existing === undefined; page++) {
    const listed = await request(
      'GET',
      `${base}/issues/${target.pullRequest}/comments?per_page=100&page=${page}`,
    );
    if (listed.status !== 200 || !Array.isArray(listed.json))
      return { done: 'refused', reason: `listing the comments answered ${listed.status}` };
    const comments = listed.json as { id: number; body?: string }[];
    existing = comments.find((c) => typeof c.body === 'string' && c.body.includes(COMMENT_MARKER))?.id;
    if (comments.length < 100) break;
  }
  const written =
    existing === undefined
      ? await request('POST', `${base}/issues/${target.pullRequest}/comments`, { body: text })
      : await request('PATCH', `${base}/issues/comments/${existing}`, { body: text });
  if (written.status !== 200 && written.status !== 201)
    return { done: 'refused', reason: `writing the comment answered ${written.status}` };
  const url = (written.json as { html_url?: string } | undefined)?.html_url ?? '';
  return { done: existing === undefined ? 'created' : 'updated', url };
}
