/**
 * Safe descriptions of failures for the log: the error's kind and Slack's error code, never request
 * bodies, tokens or response_urls (a response_url is a capability: whoever holds it can post).
 */
export function describeError(error: unknown, options: { stack?: boolean } = {}): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & {
    code?: unknown;
    data?: { error?: unknown };
    statusCode?: unknown;
    retryAfter?: unknown;
    original?: unknown;
  };
  const out: Record<string, unknown> = { name: e.name, message: e.message };
  if (typeof e.code === 'string') out.code = e.code;
  if (e.data && typeof e.data.error === 'string') out.slackError = e.data.error;
  if (typeof e.statusCode === 'number') out.status = e.statusCode;
  if (typeof e.retryAfter === 'number') out.retryAfter = e.retryAfter;
  if (e.original instanceof Error) out.cause = e.original.message;
  // Stacks only for the unexpected (a bug): expected failures (Slack said no) need just the code.
  const stack = e.original instanceof Error ? e.original.stack : e.stack;
  if (options.stack && stack) out.stack = stack.split('\n').slice(0, 8).join('\n');
  return out;
}
