import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/command-catalog.js';
import { TEAMS_COMMAND_NAMES } from '../bots/teams/listeners/commands/teams-commands.js';
import { pngSize } from '../teams/png-icon.js';
import { TEAMS_PERSONAL_COMMANDS } from '../bots/teams/listeners/commands/teams-only-commands.js';
import { MENU_LIMITS, menuDescription, teamsManifest } from '../teams/app-package.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

interface Manifest {
  manifestVersion: string;
  id: string;
  version: string;
  icons: { color: string; outline: string };
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string }[] }[];
  }[];
  validDomains: string[];
}

async function runPackager(env: Record<string, string>, out: string) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'teams/package-app.ts', '--out', out], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
}

describe('npm run teams:package (the Teams app package)', () => {
  it('zips the manifest, with the configured app id as app and bot id, and both icons at their sizes', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'teams-app-')), 'teams-app.zip');
    await runPackager({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: 'https://chatops.acme.test' }, out);
    const zip = await JSZip.loadAsync(await readFile(out));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(manifest).toMatchObject({ manifestVersion: '1.30', id: APP_ID, version });
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
    expect(manifest.bots[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.validDomains).toContain('chatops.acme.test');
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{\w+\}\}/);
    // The command menus move with the commands the bot understands, and Teams answers every one.
    const [personal, channels] = manifest.bots[0]!.commandLists;
    expect(personal!.scopes).toEqual(['personal']);
    expect(personal!.commands.map((c) => c.title)).toEqual(
      expect.arrayContaining(['home', 'request-access', 'access', 'revoke', 'policies', 'help']),
    );
    expect(channels!.commands.map((c) => c.title)).toEqual(
      expect.arrayContaining(['request-access', 'subscribe', 'unsubscribe', 'subscriptions', 'help']),
    );
    // Admin set-up commands are typed, not offered in everyone's menu.
    expect(channels!.commands.map((c) => c.title)).not.toContain('connect');
    expect(channels!.commands.every((c) => COMMANDS.some((known) => known.name === c.title))).toBe(true);
    for (const list of [personal!, channels!]) {
      expect(list.commands.length).toBeLessThanOrEqual(12);
      for (const { title } of list.commands) expect(TEAMS_COMMAND_NAMES).toContain(title);
    }

    const color = await zip.file(manifest.icons.color)!.async('nodebuffer');
    const outline = await zip.file(manifest.icons.outline)!.async('nodebuffer');
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
  });

  it('refuses to package without an https PUBLIC_URL, writing nothing and naming the variable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'teams-app-'));
    for (const env of [{}, { PUBLIC_URL: '' }, { PUBLIC_URL: 'http://chatops.acme.test' }]) {
      const out = path.join(dir, 'teams-app.zip');
      const failed = await runPackager({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: '', ...env }, out).catch(
        (error: { stderr: string; code: number }) => error,
      );
      expect(failed).toMatchObject({ code: 1 });
      const stderr = (failed as { stderr: string }).stderr;
      expect(stderr).toMatch(/PUBLIC_URL: .*https:\/\//);
      expect(stderr).toContain('not written');
      await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    }
  });

  it('links the privacy statement and terms to PRIVACY_URL / TERMS_URL when set, to /privacy and /terms otherwise', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'teams-app-'));
    const manifestOf = async (env: Record<string, string>) => {
      const out = path.join(dir, `${Object.keys(env).length}.zip`);
      await runPackager({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: 'https://chatops.acme.test', ...env }, out);
      const zip = await JSZip.loadAsync(await readFile(out));
      return JSON.parse(await zip.file('manifest.json')!.async('string')) as {
        developer: { privacyUrl: string; termsOfUseUrl: string };
      };
    };
    expect((await manifestOf({})).developer).toMatchObject({
      privacyUrl: 'https://chatops.acme.test/privacy',
      termsOfUseUrl: 'https://chatops.acme.test/terms',
    });
    const own = await manifestOf({
      PRIVACY_URL: 'https://acme.test/legal/privacy',
      TERMS_URL: 'https://acme.test/legal/terms',
    });
    expect(own.developer).toMatchObject({
      privacyUrl: 'https://acme.test/legal/privacy',
      termsOfUseUrl: 'https://acme.test/legal/terms',
    });
    const failed = await runPackager(
      { MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: 'https://chatops.acme.test', TERMS_URL: 'ftp://acme.test/x' },
      path.join(dir, 'bad.zip'),
    ).catch((error: { stderr: string; code: number }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('TERMS_URL');
  });

  it("keeps every command menu description whole, within Teams' 128 characters and without code spans", async () => {
    const manifest = await teamsManifest({
      appId: APP_ID,
      publicUrl: 'https://chatops.acme.test',
      version: '1.0.0',
    });
    const lists = (manifest as unknown as Manifest).bots[0]!.commandLists;
    for (const list of lists) {
      for (const command of list.commands as { title: string; description: string }[]) {
        const known = [...TEAMS_PERSONAL_COMMANDS, ...COMMANDS].find((c) => c.name === command.title)!;
        expect(command.description.length).toBeLessThanOrEqual(MENU_LIMITS.description);
        expect(command.description).not.toContain('`');
        // Whole: exactly the catalog's summary or brief, ending a sentence.
        expect([known.summary, known.brief]).toContain(command.description);
        expect(command.description).toMatch(/[.)]$/);
      }
    }
    const cost = lists[0]!.commands.find((c) => c.title === 'cost') as unknown as { description: string };
    expect(cost.description).toBe(COMMANDS.find((c) => c.name === 'cost')!.brief);
    expect(() =>
      menuDescription({ name: 'long', usage: 'long', summary: `${'Too long. '.repeat(13)}` }),
    ).toThrow(/long.*128/);
  });

  it('refuses to package without a valid MICROSOFT_APP_ID, naming the variable', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'teams-app-')), 'teams-app.zip');
    const failed = await runPackager({ MICROSOFT_APP_ID: 'not-a-guid' }, out).catch(
      (error: { stderr: string; code: number }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('MICROSOFT_APP_ID');
  });
});
