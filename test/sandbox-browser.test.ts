import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEAKED_TOKEN } from '../sandbox/demo-workspace.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import { captureLogger } from './support/capture-logger.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');
const hasChromium = existsSync(CHROMIUM);
const title = hasChromium
  ? 'sandbox chat console in a browser'
  : `sandbox chat console in a browser (SKIPPED: ${CHROMIUM} is missing; install it with apt-get install -y chromium)`;

describe.skipIf(!hasChromium)(title, () => {
  let database: TestDatabase;
  const redis = createTestRedisPrefix('sandbox');
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase('sandbox');
    const startedAt = performance.now();
    sandbox = await startSandbox({
      log: captureLogger('info').log,
      nodeEnv: 'test',
      port: 0,
      databaseUrl: database.url,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: redis.prefix,
    });
    const seconds = (performance.now() - startedAt) / 1000;
    console.log(`sandbox started in ${seconds.toFixed(1)} s (emulator, 90-day seed, collection, agent scan)`);
    expect(seconds).toBeLessThan(45);
    browser = await chromium.launch({
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
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
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
  const members = () => sandbox.accounts.groupMemberIds('data-analysts');

  it('requests access, approves it, sees the grant and, after fast-forward, its revocation', async () => {
    await page.goto(`${sandbox.url}?user=requester`);
    await page.locator('#command-text').fill('/databricks request-access');
    await page.locator('#composer button[type=submit]').click();
    const form = page.locator('#modal-form');
    await form.locator('select[name=group]').selectOption('analysts');
    await form.locator('input[name=reason]').fill('fix the nightly job');
    await screenshot('1-request-form');
    await form.locator('button[type=submit]').click();
    await message('sent to the approvers').waitFor();
    expect(members()).toEqual([]);

    await page.locator('#user').selectOption('approver');
    const card = message('Access request: analysts for 2h');
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
  }, 90_000);

  it('answers cost 30d by workspace with the chart as an image', async () => {
    await page.goto(`${sandbox.url}?user=admin`);
    await page.locator('#channels button[data-channel="finops"]').click();
    // The demo month breaches the demo budget: #finops already holds the budget alert.
    const budget = page.locator('#messages .message[data-kind="cost.alert"]').first();
    await budget.waitFor({ timeout: 15_000 });
    expect(await budget.textContent()).toMatch(/budget/i);
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
});
