import type { Clock } from '../../lib/clock';
import type { CatalogDocumentsRepository, LinkStatusRecord } from './catalog-documents.repository';
import { urlHash } from './catalog-documents.repository';

/**
 * Checks the URLs of published documents. A portal that is down for an afternoon must not flag a thousand
 * links, so one failure only makes a link `failing`; it is `broken` after `brokenAfterFailures` failures in a
 * row (no success in between) whose first and latest lie at least `brokenAfterMs` apart (by default three
 * failures over at least a day, i.e. on two or more days). A link checked less than `recheckAfterMs` ago is
 * skipped, so running the job often does not pile up failures within hours. Each check: HEAD, and GET when
 * HEAD fails (many portals refuse HEAD); redirects followed up to `maxRedirects`; a short timeout; at most
 * `concurrency` requests at once.
 */
export interface LinkCheckOptions {
  timeoutMs: number;
  concurrency: number;
  maxRedirects: number;
  brokenAfterFailures: number;
  brokenAfterMs: number;
  recheckAfterMs: number;
}

const HOUR = 3_600_000;
export const DEFAULT_LINK_CHECK: LinkCheckOptions = {
  timeoutMs: 10_000,
  concurrency: 4,
  maxRedirects: 5,
  brokenAfterFailures: 3,
  brokenAfterMs: 24 * HOUR,
  recheckAfterMs: 12 * HOUR,
};

export interface LinkCheckDeps {
  documents: CatalogDocumentsRepository;
  clock: Clock;
  fetch?: typeof fetch;
}

export interface ProbeResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

async function request(url: string, method: 'HEAD' | 'GET', o: LinkCheckOptions, f: typeof fetch) {
  let current = url;
  for (let hop = 0; hop <= o.maxRedirects; hop += 1) {
    let res: Response;
    try {
      res = await f(current, { method, redirect: 'manual', signal: AbortSignal.timeout(o.timeoutMs) });
    } catch (error) {
      const timeout = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      return { ok: false, status: null, error: timeout ? '超时' : '连接失败' };
    }
    await res.body?.cancel().catch(() => undefined);
    const location = res.headers.get('location');
    if (REDIRECTS.has(res.status) && location) {
      current = new URL(location, current).toString();
      continue;
    }
    return { ok: res.ok, status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  }
  return { ok: false, status: null, error: `重定向超过${o.maxRedirects}次` };
}

/** One check of one URL: HEAD, then GET if HEAD did not succeed. */
export async function probe(url: string, o: LinkCheckOptions, f: typeof fetch = fetch): Promise<ProbeResult> {
  const head = await request(url, 'HEAD', o, f);
  return head.ok ? head : request(url, 'GET', o, f);
}

/** The link's state after one more check. */
export function nextStatus(
  before: LinkStatusRecord | undefined,
  url: string,
  result: ProbeResult,
  at: Date,
  o: LinkCheckOptions,
): LinkStatusRecord {
  const base = { urlHash: urlHash(url), url, lastCheckedAt: at };
  if (result.ok) {
    return { ...base, state: 'ok', failures: 0, firstFailureAt: null, lastSuccessAt: at, lastError: null };
  }
  const failures = (before?.failures ?? 0) + 1;
  const firstFailureAt = before?.firstFailureAt ?? at;
  const broken = failures >= o.brokenAfterFailures && at.getTime() - firstFailureAt.getTime() >= o.brokenAfterMs;
  return {
    ...base,
    state: broken ? 'broken' : 'failing',
    failures,
    firstFailureAt,
    lastSuccessAt: before?.lastSuccessAt ?? null,
    lastError: result.error,
  };
}

export interface LinkCheckSummary {
  checked: number;
  skipped: number;
  ok: number;
  failing: number;
  broken: number;
}

/** Checks every document URL that is due; stores what it found. */
export async function checkLinks(
  deps: LinkCheckDeps,
  options: Partial<LinkCheckOptions> = {},
): Promise<LinkCheckSummary> {
  const o = { ...DEFAULT_LINK_CHECK, ...options };
  const urls = await deps.documents.urls();
  const statuses = await deps.documents.linkStatuses(urls);
  const now = deps.clock.now().getTime();
  const due = urls.filter((url) => {
    const last = statuses.get(url)?.lastCheckedAt.getTime();
    return last === undefined || now - last >= o.recheckAfterMs;
  });
  const summary: LinkCheckSummary = {
    checked: due.length,
    skipped: urls.length - due.length,
    ok: 0,
    failing: 0,
    broken: 0,
  };
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const url = due[next++]!;
      const result = await probe(url, o, deps.fetch ?? fetch);
      const status = nextStatus(statuses.get(url), url, result, deps.clock.now(), o);
      await deps.documents.putLinkStatus(status);
      summary[status.state] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, due.length) }, worker));
  return summary;
}
