import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEAKED_TOKEN } from '../sandbox/demo-workspace.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import { captureLogger } from './support/capture-logger.js';
import { prebuildSandbox, spawnSandboxProcess } from '../sandbox/sandbox-process.js';
import { freePort } from './support/spawn-bot.js';
import {
  createTestDatabase,
  dropDatabase,
  unusedDatabaseUrl,
  type TestDatabase,
} from './support/test-database.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');
const hasChromium = existsSync(CHROMIUM);
/** In CI the browser test must run: a missing or failing chromium fails it instead of skipping. */
const required = process.env.CI === 'true';
const title = hasChromium
  ? 'sandbox chat console in a browser'
  : `sandbox chat console in a browser (SKIPPED: ${CHROMIUM} is missing; install it with apt-get install -y chromium)`;
/** Start-up to a usable console, from process start (issue 16: ≤ 15 s on a 2-core machine). */
const START_UP_GOAL_SECONDS = 15;
/** A start slower than this is stuck, not slow. */
const HANG_SECONDS = 120;

/**
 * The goal holds on a 2-core machine that is not shared; when other work keeps the cores busy
 * (load per core above 1.5 at the start), the bound grows with it (up to 4×) and the log says so.
 */
function startUpBound(loadAtStart: number): { loadPerCore: number; bound: number } {
  const loadPerCore = loadAtStart / cpus().length;
  return {
    loadPerCore,
    bound: loadPerCore > 1.5 ? START_UP_GOAL_SECONDS * Math.min(loadPerCore, 4) : START_UP_GOAL_SECONDS,
  };
}

async function launchChromium(): Promise<Browser> {
  if (!hasChromium) {
    throw new Error(
      `${CHROMIUM} is missing (CI=true: the browser test must run): apt-get install -y chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

describe.skipIf(!hasChromium && !required)(`${title}: npm run sandbox from process start`, () => {
  const database = unusedDatabaseUrl('sandbox_process');
  const redis = createTestRedisPrefix('sandbox-process');
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    await redis.clear();
    await dropDatabase(database.name);
  });

  it(`becomes usable from process start (goal ${START_UP_GOAL_SECONDS} s, judged by the bench), and stops cleanly on Ctrl-C twice`, async () => {
    // The bundle is built first, as by an earlier start: the time measured is the start's.
    await prebuildSandbox();
    const loadAtStart = loadavg()[0]!;
    const sandbox = spawnSandboxProcess({
      port: await freePort(),
      databaseUrl: database.url,
      queuePrefix: redis.prefix,
    });
    try {
      browser = await launchChromium();
      const page = await browser.newPage();
      // The page is served early and says so until the demo data is there.
      while (
        !(await page.goto(`${sandbox.url}?user=admin`).then(
          (r) => r?.ok(),
          () => false,
        ))
      ) {
        if (sandbox.child.exitCode !== null) throw new Error(sandbox.output());
        await page.waitForTimeout(100);
      }
      await page.locator('#messages .message[data-kind="sandbox.welcome"]').waitFor({ timeout: 60_000 });
      await page.locator('#loading').waitFor({ state: 'hidden', timeout: 60_000 });
      await page.locator('#channels button[data-channel="finops"]').click();
      await page.locator('#messages .message[data-kind="cost.alert"]').first().waitFor({ timeout: 60_000 });
      const seconds = (performance.now() - sandbox.startedAt) / 1000;
      // The start-up goal is a performance target: `npm run bench -- --only sandbox` judges it
      // (several starts, the machine's load printed). Here it is measured and printed, and only
      // a start that hangs fails the test.
      const loadPerCore = loadAtStart / cpus().length;
      console.log(
        `npm run sandbox: usable ${seconds.toFixed(1)} s after process start (goal ${START_UP_GOAL_SECONDS} s, judged by npm run bench -- --only sandbox; load per core at start ${loadPerCore.toFixed(1)})`,
      );
      expect(seconds).toBeLessThan(HANG_SECONDS);
    } finally {
      const pid = sandbox.child.pid;
      expect(await sandbox.stop('SIGINT', 2)).toBe(0);
      expect(sandbox.output()).toContain('still cleaning up');
      expect(sandbox.output()).not.toContain('sandbox clean-up step failed');
      const leftovers = (await readdir(tmpdir())).filter((n) => n.startsWith('dbchatops-sandbox-'));
      for (const name of leftovers) {
        const owner = await readFile(path.join(tmpdir(), name, 'owner.pid'), 'utf8').catch(() => '');
        expect(Number(owner), name).not.toBe(pid);
      }
    }
  }, 120_000);
});

describe.skipIf(!hasChromium && !required)(title, () => {
  let database: TestDatabase;
  const redis = createTestRedisPrefix('sandbox');
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;
  const logs = captureLogger('info');
  /** What the browser complained about: console errors and failed requests (e.g. a favicon 404). */
  const complaints: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('sandbox');
    const startedAt = performance.now();
    const loadAtStart = loadavg()[0]!;
    sandbox = await startSandbox({
      log: logs.log,
      nodeEnv: 'test',
      port: 0,
      databaseUrl: database.url,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: redis.prefix,
    });
    const seconds = (performance.now() - startedAt) / 1000;
    const { loadPerCore, bound } = startUpBound(loadAtStart);
    console.log(
      `sandbox started in-process in ${seconds.toFixed(1)} s (emulator, 90-day seed, collection, agent scan; load per core ${loadPerCore.toFixed(1)}, bound ${bound.toFixed(0)} s)`,
    );
    expect(seconds).toBeLessThan(bound);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.on('console', (m) => void (m.type() === 'error' && complaints.push(m.text())));
    page.on('response', (r) => void (r.status() >= 400 && complaints.push(`${r.status()} ${r.url()}`)));
    await mkdir(ARTIFACTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await redis.clear();
    await database?.drop();
  });

  const message = (text: string) => page.locator('#messages .message', { hasText: text }).last();
  const screenshot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `sandbox-${name}.png`) });
  let standing: Set<string> | undefined;
  /**
   * Members of data-analysts the bot granted: the demo's standing members (there for access
   * reviews) are taken as they are at the first look, before any grant.
   */
  const members = () => {
    standing ??= new Set(sandbox.accounts.groupMemberIds('data-analysts'));
    return sandbox.accounts.groupMemberIds('data-analysts').filter((id) => !standing!.has(id));
  };

  it('welcomes each person with the demo people, groups and things to try, without polling', async () => {
    await page.goto(`${sandbox.url}?user=requester`);
    const welcome = page.locator('#messages .message[data-kind="sandbox.welcome"]');
    await welcome.waitFor();
    const text = await welcome.innerText();
    for (const expected of [
      'Riley Requester',
      'Avery Approver',
      'Ada Admin',
      'analysts',
      'prod-admins',
      '#finops',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await page.locator('#loading').isHidden()).toBe(true);
    // Updates are pushed (server-sent events): an idle page asks nothing, and nothing is logged.
    const linesBefore = logs.lines().length;
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) => void requests.push(r.url());
    page.on('request', onRequest);
    await page.waitForTimeout(2_500);
    page.off('request', onRequest);
    expect(requests).toEqual([]);
    expect(logs.lines().length).toBe(linesBefore);
  }, 30_000);

  it('requests access, approves it, sees the grant and, after fast-forward, its revocation', async () => {
    await page.goto(`${sandbox.url}?user=requester`);
    await page.locator('#command-text').fill('/databricks request-access');
    await page.locator('#composer button[type=submit]').click();
    const form = page.locator('#modal-form');
    await form.locator('select[name=group]').selectOption('analysts');
    await form.locator('input[name=reason]').fill('fix the nightly job');
    await form.locator('input[name=duration]').fill('forever');
    await form.locator('button[type=submit]').click();
    // A refused field: the form stays open with its message, and keeps what was typed.
    await form.locator('.error', { hasText: 'is not a duration' }).waitFor();
    expect(await form.locator('input[name=reason]').inputValue()).toBe('fix the nightly job');
    expect(await form.locator('select[name=group]').inputValue()).toBe('analysts');
    await form.locator('input[name=duration]').fill('2h');
    await screenshot('1-request-form');
    await form.locator('button[type=submit]').click();
    await message('sent to the approvers').waitFor();
    expect(members()).toEqual([]);

    await page.locator('#user').selectOption('approver');
    // The request is one card in #access-approvals (approvers there get no DM copy).
    await page.locator('#channels button[data-channel="access-approvals"]').click();
    const card = message('access to analysts for 2h');
    await card.locator('button[data-action="access.approve"]').click();
    await message('Approved').waitFor();
    await screenshot('2-approved');

    await page.locator('#user').selectOption('requester');
    await message('is active until').waitFor({ timeout: 15_000 });
    expect(members()).toHaveLength(1);
    await screenshot('3-active');

    await page.locator('#fast-forward').click();
    await page.locator('#fast-forward').click();
    await message('ends at').waitFor({ timeout: 15_000 });
    await message('has expired').waitFor({ timeout: 15_000 });
    expect(members()).toEqual([]);
    await screenshot('4-revoked');
    // Fast-forward waited for what it caused: the reminder is stamped before the grant's end.
    const grant = await database.db
      .selectFrom('access_requests')
      .select('ends_at')
      .where('reason', '=', 'fix the nightly job')
      .executeTakeFirstOrThrow();
    const posts = (await (await fetch(`${sandbox.url}/api/messages?user=requester`)).json()) as {
      messages: { at: string; message: { title: string } }[];
    };
    const reminder = posts.messages.find((p) => p.message.title.includes('ends at'));
    expect(Date.parse(reminder!.at)).toBeLessThan(new Date(grant.ends_at!).getTime());
  }, 90_000);

  it('colours a refusal red: the Deny form’s button', async () => {
    await page.goto(`${sandbox.url}?user=requester`);
    await page.locator('#command-text').fill('/databricks request-access analysts 1h check the deny colour');
    await page.locator('#composer button[type=submit]').click();
    await message('sent to the approvers').waitFor();
    await page.locator('#user').selectOption('approver');
    await page.locator('#channels button[data-channel="access-approvals"]').click();
    await message('check the deny colour').locator('button[data-action="access.deny"]').last().click();
    const submit = page.locator('#modal-form button[type=submit]');
    await submit.waitFor();
    expect(await submit.textContent()).toBe('Deny');
    expect(await submit.getAttribute('class')).toBe('danger');
    await page.locator('#modal-form button', { hasText: 'Cancel' }).click();
  }, 30_000);

  it('answers cost 30d by workspace with the chart as an image', async () => {
    await page.goto(`${sandbox.url}?user=admin`);
    await page.locator('#channels button[data-channel="finops"]').click();
    // The demo month breaches the demo budget: #finops already holds the budget alert.
    const budget = page.locator('#messages .message[data-kind="cost.alert"]', { hasText: 'budget' }).first();
    await budget.waitFor({ timeout: 15_000 });
    expect(await budget.textContent()).toMatch(/budget/i);
    // The title and the body give the same share of the budget.
    const share = /(\d+)% of its budget/.exec((await budget.locator('.title').textContent()) ?? '');
    if (share) expect(await budget.locator('p').first().textContent()).toContain(`(${share[1]}%)`);
    await page.locator('#command-text').fill('/databricks cost 30d by workspace');
    await page.locator('#composer button[type=submit]').click();
    const report = page.locator('#messages .message[data-kind="cost.report"]').last();
    await report.waitFor();
    expect(await report.locator('.title').textContent()).toContain('Cost');
    await page.waitForFunction(
      "[...document.querySelectorAll('#messages img.chart')].some((img) => img.complete && img.naturalWidth > 0)",
    );
    await report.locator('img.chart').scrollIntoViewIfNeeded();
    await screenshot('5-cost-chart');
  }, 60_000);

  it('terminates the idle demo cluster from its cost alert, after approval; the alert resolves', async () => {
    await page.goto(`${sandbox.url}?user=requester`);
    await page.locator('#channels button[data-channel="finops"]').click();
    const idle = page.locator('#messages .message[data-kind="cost.alert"]', { hasText: 'has been idle for' });
    await idle.first().waitFor({ timeout: 30_000 });
    await idle.first().locator('button[data-action="action.request"]').click();
    await message('Terminate cluster').waitFor();
    await message('requested').waitFor();
    await screenshot('8-action-requested');
    await page.locator('#user').selectOption('approver');
    const card = page.locator('#messages .message[data-kind="action.request"]').last();
    await card.locator('button[data-action="action.approve"]').click();
    await message('Done and verified').waitFor({ timeout: 30_000 });
    await page.locator('#user').selectOption('requester');
    await page.locator('#channels button[data-channel="finops"]').click();
    await message('Resolved at').waitFor({ timeout: 30_000 });
    await screenshot('9-idle-alert-resolved');
  }, 120_000);

  it('shows the agent scan finding redacted in #security and acknowledges it', async () => {
    await page.goto(`${sandbox.url}?user=admin`);
    await page.locator('#channels button[data-channel="security"]').click();
    const finding = page.locator('#messages .message', {
      has: page.locator('button[data-action="finding.acknowledge"]'),
    });
    await finding.first().waitFor({ timeout: 15_000 });
    await message('Secret in agent output of support-agent: Databricks personal access token').waitFor();
    await message('Prompt injection in user input of support-agent').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(DEMO_LEAKED_TOKEN);
    const count = await finding.count();
    await screenshot('6-security-finding');
    await finding.first().locator('button[data-action="finding.acknowledge"]').click();
    await message('Finding acknowledged.').waitFor();
    await page.waitForFunction(
      `document.querySelectorAll('#messages button[data-action="finding.acknowledge"]').length < ${count}`,
    );
    await message('Acknowledged by').waitFor({ timeout: 15_000 });
    expect(await page.locator('body').innerText()).not.toContain(DEMO_LEAKED_TOKEN);
    await screenshot('7-finding-acknowledged');
  }, 60_000);

  it('renders every message kind in the gallery for console, Slack and Teams, with no raw markup; screenshots each', async () => {
    await page.goto(`${sandbox.url}/gallery`);
    await page.locator('body[data-ready="true"]').waitFor();
    const sections = page.locator('section[data-kind]');
    const kinds: string[] = [];
    for (let i = 0; i < (await sections.count()); i++)
      kinds.push((await sections.nth(i).getAttribute('data-kind'))!);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'help',
        'access request',
        'grant active',
        'expiry warning',
        'my access',
        'cost alert',
        'security finding',
      ]),
    );
    /** Markup a reader would see raw: code spans, *bold*, Slack mentions/dates, Teams <at>/DATE(), entities, escapes. */
    const RAW = [
      /`/,
      /(^|\s)\*[^\s*][^*\n]*\*/m,
      /<@[UW]/,
      /<!/,
      /<at>/i,
      /&(lt|gt|amp);/,
      /\{\{(DATE|TIME)\(/,
      /\\[*_`[\]()<>#+.!-]/,
      /\uE000/,
    ];
    for (const [index, kind] of kinds.entries()) {
      const section = sections.nth(index);
      for (const platform of ['console', 'slack', 'teams']) {
        const shown = await section.locator(`.platform.${platform}`).innerText();
        expect(shown.split('\n').length, `${kind} on ${platform}`).toBeGreaterThan(1);
        for (const raw of RAW) expect(shown, `${kind} on ${platform}: ${raw}`).not.toMatch(raw);
      }
      await section.screenshot({ path: path.join(ARTIFACTS, `gallery-${kind.replace(/\W+/g, '-')}.png`) });
    }
    // What was typed reads as typed everywhere: the mention attempt and link stay plain text.
    const request = await sections.nth(kinds.indexOf('access request')).innerText();
    expect(request).toContain('job_run');
    expect(request).toContain('2 < 3 & done');
    await page.screenshot({ path: path.join(ARTIFACTS, 'gallery.png'), fullPage: true });
    expect(await readdir(ARTIFACTS)).toEqual(expect.arrayContaining(['gallery.png', 'gallery-help.png']));
  }, 60_000);

  it('shows neutral text without Slack markup, "none" once, and nothing failed in the browser', async () => {
    await page.goto(`${sandbox.url}?user=admin`);
    for (const typed of ['findings', 'agents', 'connectors']) {
      await page.locator('#command-text').fill(`/databricks ${typed}`);
      await page.locator('#composer button[type=submit]').click();
    }
    await page.locator('#messages .message[data-kind="connectors.list"]').waitFor();
    const shown = await page.locator('#messages').innerText();
    expect(shown).toContain('support-agent');
    expect(shown).not.toMatch(/\*(critical|high|medium|low|support-agent)\*/);
    const connectors = await page.locator('#messages .message[data-kind="connectors.list"]').innerText();
    expect(connectors.match(/Optional tables unavailable: none/g) ?? []).toHaveLength(1);
    expect(complaints).toEqual([]);
  }, 30_000);
});
