/**
 * The `test` and `expect` every spec imports (lint forbids '@playwright/test' in specs): each test
 * runs watched, and fails afterwards, listing them, on
 * - any request that leaves the served origin (data:, blob: and about: are fine), from the page or
 *   its worker: the context's 'request' event sees the worker's fetches (the .wasm, the digits);
 * - any Content-Security-Policy violation: on the page, from a 'securitypolicyviolation' listener
 *   put in every document and from console messages; in the worker, from its own DevTools log
 *   and issues. Playwright does not turn a worker's log entries into console messages (it enables
 *   the Log domain on pages only), and a wasm compile refused by the policy logs nothing at all
 *   (only an issue, kWasmEvalViolation), so a CDP session per page auto-attaches to its workers,
 *   paused at start, and enables Log and Audits there before they run.
 * A test that provokes either on purpose opts out with `test.use({ failOnSiteGuard: false })` and
 * reads what was recorded from the `siteGuard` fixture.
 */
import { test as base, type CDPSession, type Page } from '@playwright/test';

export { expect } from '@playwright/test';
export type * from '@playwright/test';

/** What the guard recorded in one test, as readable lines. */
export interface SiteGuard {
  /** Requests to another origin: "GET url (resource type)". */
  offOrigin: string[];
  /** CSP violations, each line saying where: "page: ", "console: ", "console of worker url: " or "worker url: ". */
  violations: string[];
}

const ALLOWED_SCHEMES = new Set(['data:', 'blob:', 'about:']);
const CSP_TEXT = /Content Security Policy/i;
const BINDING = '__curvatureCspViolation';

/** The parts of a worker's Log.entryAdded and Audits.issueAdded events read here. */
interface WorkerEvent {
  entry?: { text?: string };
  issue?: {
    code?: string;
    details?: {
      contentSecurityPolicyIssueDetails?: {
        violatedDirective?: string;
        contentSecurityPolicyViolationType?: string;
        blockedURL?: string;
        sourceCodeLocation?: { url?: string; lineNumber?: number; columnNumber?: number };
      };
    };
  };
}

/** Reports every CSP violation event in the document to the binding (runs before the page's scripts). */
function listenForViolations(binding: string) {
  document.addEventListener('securitypolicyviolation', (e) => {
    const report = (globalThis as unknown as Record<string, (line: string) => void>)[binding];
    report?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || location.href}:${e.lineNumber}${e.sample ? ` "${e.sample}"` : ''}`);
  });
}

/**
 * Enables the Log and Audits domains in every worker `page` starts, before the worker runs, and
 * reports its CSP log entries and issues. Returns the URLs of the workers watched, to check none
 * was missed.
 */
async function watchWorkers(page: Page, report: (line: string) => void): Promise<{ watched: string[]; session: CDPSession }> {
  const watched: string[] = [];
  const session = await page.context().newCDPSession(page);
  const urls = new Map<string, string>();
  let id = 0;
  // Non-flat sessions: Playwright's CDPSession routes no child session ids, so commands to a
  // worker go through Target.sendMessageToTarget and its events come back wrapped.
  const send = (sessionId: string, method: string, params = {}) =>
    session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++id, method, params }) }).catch(() => undefined);
  session.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }) => {
    if (targetInfo.type !== 'worker') {
      if (waitingForDebugger) await send(sessionId, 'Runtime.runIfWaitingForDebugger');
      return;
    }
    urls.set(sessionId, targetInfo.url);
    watched.push(targetInfo.url);
    await send(sessionId, 'Log.enable');
    await send(sessionId, 'Audits.enable');
    await send(sessionId, 'Runtime.runIfWaitingForDebugger');
  });
  session.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const where = `worker ${urls.get(sessionId) ?? '?'}`;
    const { method, params } = JSON.parse(message) as { method?: string; params?: WorkerEvent };
    const text = method === 'Log.entryAdded' ? params?.entry?.text : undefined;
    if (text && CSP_TEXT.test(text)) report(`${where}: ${text}`);
    const issue = method === 'Audits.issueAdded' && params?.issue?.code === 'ContentSecurityPolicyIssue' ? params.issue.details?.contentSecurityPolicyIssueDetails : undefined;
    if (issue) {
      const at = issue.sourceCodeLocation;
      report(`${where}: issue ${issue.contentSecurityPolicyViolationType}, ${issue.violatedDirective} blocked ${issue.blockedURL ?? '(no URL)'}${at ? ` at ${at.url || '(evaluated)'}:${at.lineNumber}:${at.columnNumber}` : ''}`);
    }
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return { watched, session };
}

export const test = base.extend<{ failOnSiteGuard: boolean; siteGuard: SiteGuard }>({
  /** false: record off-origin requests and CSP violations without failing the test. */
  failOnSiteGuard: [true, { option: true }],
  siteGuard: [
    async ({ context, page, baseURL, failOnSiteGuard }, use) => {
      if (!baseURL) throw new Error('The site guard needs use.baseURL (the served origin).');
      const origin = new URL(baseURL).origin;
      const guard: SiteGuard = { offOrigin: [], violations: [] };

      context.on('request', (request) => {
        const url = new URL(request.url());
        if (ALLOWED_SCHEMES.has(url.protocol) || url.origin === origin) return;
        guard.offOrigin.push(`${request.method()} ${request.url()} (${request.resourceType()})`);
      });

      await context.exposeBinding(BINDING, (_source, line: string) => guard.violations.push(`page: ${line}`));
      await context.addInitScript(listenForViolations, BINDING);

      const pages: { workers: string[]; watched: string[]; session: CDPSession }[] = [];
      const watchPage = async (p: Page) => {
        const workers: string[] = [];
        p.on('worker', (worker) => workers.push(worker.url()));
        p.on('console', (message) => {
          const worker = message.worker();
          if (CSP_TEXT.test(message.text())) guard.violations.push(`console${worker ? ` of worker ${worker.url()}` : ''}: ${message.text()}`);
        });
        pages.push({ workers, ...(await watchWorkers(p, (line) => guard.violations.push(line))) });
      };
      await watchPage(page);
      context.on('page', (p) => void watchPage(p));

      await use(guard);

      // Let events already under way arrive.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const unwatched = pages.flatMap(({ workers, watched }) => workers.filter((url) => !watched.includes(url)));
      for (const { session } of pages) await session.detach().catch(() => undefined);
      // Whether or not the test opted out: a worker the guard missed would hide its violations.
      const problems = unwatched.map((url) => `worker not watched for CSP violations (the guard missed its start): ${url}`);
      if (failOnSiteGuard) {
        problems.push(...guard.offOrigin.map((line) => `request off the origin ${origin}: ${line}`));
        problems.push(...guard.violations.map((line) => `CSP violation, ${line}`));
      }
      if (problems.length) throw new Error(`The site guard recorded:\n  ${problems.join('\n  ')}`);
    },
    { auto: true },
  ],
});
