import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsManifest } from '../teams/app-package.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

let ownPages: TestBot;
let elsewhere: TestBot;

beforeAll(async () => {
  ownPages = await startTestBot();
  elsewhere = await startTestBot({
    env: { PRIVACY_URL: 'https://acme.test/legal/privacy', TERMS_URL: 'https://acme.test/legal/terms' },
  });
});
afterAll(async () => {
  await ownPages?.stop();
  await elsewhere?.stop();
});

/** The path of a link the Teams app package writes, asked of the running bot. */
const onBot = (bot: TestBot, link: string) =>
  fetch(`${bot.url}${new URL(link).pathname}`, { redirect: 'manual' });

describe('the privacy statement and terms the Teams app links to', () => {
  it('are served by the bot at the links the package writes', async () => {
    const manifest = (await teamsManifest({
      appId: APP_ID,
      publicUrl: 'https://chatops.acme.test',
      version: '1.0.0',
    })) as { developer: { privacyUrl: string; termsOfUseUrl: string } };
    const privacy = await onBot(ownPages, manifest.developer.privacyUrl);
    expect(privacy.status).toBe(200);
    expect(privacy.headers.get('content-type')).toContain('text/html');
    const privacyText = await privacy.text();
    expect(privacyText).toContain('privacy statement');
    expect(privacyText).toContain('e-mail address');
    const terms = await onBot(ownPages, manifest.developer.termsOfUseUrl);
    expect(terms.status).toBe(200);
    expect(await terms.text()).toContain('terms of use');
  });

  it('send people to PRIVACY_URL and TERMS_URL when those are configured', async () => {
    const privacy = await fetch(`${elsewhere.url}/privacy`, { redirect: 'manual' });
    expect(privacy.status).toBe(302);
    expect(privacy.headers.get('location')).toBe('https://acme.test/legal/privacy');
    const terms = await fetch(`${elsewhere.url}/terms`, { redirect: 'manual' });
    expect(terms.status).toBe(302);
    expect(terms.headers.get('location')).toBe('https://acme.test/legal/terms');
  });
});
