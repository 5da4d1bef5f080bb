/**
 * Checks the record's source URLs: HEAD first (cheap), then GET when HEAD is refused or fails
 * (many news sites answer HEAD with 403, 404 or 405, or not at all); redirects are followed by
 * hand, up to a limit, so the report can name where a link ends up; every request has a timeout.
 * A link is dead when neither method reaches a 2xx page.
 */
import type { Source } from './schema.js';

export interface LinkCheckOptions {
  /** Per request, in milliseconds. */
  timeoutMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  maxRedirects: number;
}

export const LINK_CHECK_DEFAULTS: LinkCheckOptions = { timeoutMs: 10_000, concurrency: 8, maxRedirects: 5 };

export interface LinkResult {
  sourceId: string;
  url: string;
  ok: boolean;
  /** The last HTTP status seen (absent when no response came at all). */
  status?: number;
  /** Where the redirects ended, when that is not `url`. */
  finalUrl?: string;
  /** Why no page was reached: a timeout, a network error, too many redirects. */
  error?: string;
  /** The method that gave the verdict. */
  method: 'HEAD' | 'GET';
}

interface Attempt {
  status?: number;
  finalUrl: string;
  error?: string;
}

/** Browsers' words: some sites refuse requests that do not look like one. */
const HEADERS = { 'user-agent': 'Mozilla/5.0 (compatible; sma-bot link check)', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

async function follow(url: string, method: 'HEAD' | 'GET', options: LinkCheckOptions): Promise<Attempt> {
  let current = url;
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await fetch(current, { method, redirect: 'manual', headers: HEADERS, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (err) {
      return { finalUrl: current, error: describeFetchError(err, options.timeoutMs) };
    }
    // The verdict is the status; the body is never needed.
    await res.body?.cancel().catch(() => {});
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      if (hop >= options.maxRedirects) return { status: res.status, finalUrl: current, error: `more than ${options.maxRedirects} redirects` };
      current = new URL(location, current).toString();
      continue;
    }
    return { status: res.status, finalUrl: current };
  }
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const code = cause && 'code' in cause ? String((cause as { code: unknown }).code) : undefined;
  return code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

const isLive = (a: Attempt) => !a.error && a.status !== undefined && a.status >= 200 && a.status < 300;

export async function checkLink(sourceId: string, url: string, options: LinkCheckOptions): Promise<LinkResult> {
  const head = await follow(url, 'HEAD', options);
  const verdict = isLive(head) ? { attempt: head, method: 'HEAD' as const } : { attempt: await follow(url, 'GET', options), method: 'GET' as const };
  const { attempt, method } = verdict;
  return {
    sourceId,
    url,
    ok: isLive(attempt),
    method,
    ...(attempt.status !== undefined ? { status: attempt.status } : {}),
    ...(attempt.finalUrl !== url ? { finalUrl: attempt.finalUrl } : {}),
    ...(attempt.error ? { error: attempt.error } : {}),
  };
}

/** Every source with a URL, `concurrency` at a time; results in the record's order. */
export async function checkLinks(sources: readonly Source[], options: LinkCheckOptions = LINK_CHECK_DEFAULTS): Promise<LinkResult[]> {
  const withUrl = sources.filter((s): s is Source & { url: string } => Boolean(s.url));
  const results: LinkResult[] = new Array(withUrl.length);
  let next = 0;
  const worker = async () => {
    while (next < withUrl.length) {
      const i = next++;
      results[i] = await checkLink(withUrl[i]!.id, withUrl[i]!.url, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, withUrl.length) }, worker));
  return results;
}
