/**
 * `npm run teams:package`: builds dist/teams-app.zip, the app package to upload in Teams
 * (Apps → Manage your apps → Upload an app) or the Teams admin center.
 *
 *   MICROSOFT_APP_ID=<bot app id> PUBLIC_URL=https://chatops.example.com npm run teams:package
 *
 * PUBLIC_URL is required (https): the package links to its /privacy and /terms pages, which the
 * bot serves, unless PRIVACY_URL / TERMS_URL name other pages.
 *
 * `--out <file>` writes elsewhere.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildTeamsAppPackage } from './app-package.js';

const ROOT = path.resolve(import.meta.dirname, '..');

const httpsUrl = (what: string) =>
  z.url({ protocol: /^https$/, error: `must be ${what} as an https:// URL` });

const settings = z.object({
  MICROSOFT_APP_ID: z.uuid("must be the bot's Microsoft app id (a GUID)"),
  PUBLIC_URL: httpsUrl('the public address of this bot (where Teams reaches /api/messages)'),
  PRIVACY_URL: httpsUrl('your privacy statement').optional(),
  TERMS_URL: httpsUrl('your terms of use').optional(),
});

/** Unset and empty variables are the same thing here. */
const setVariables = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const parsed = settings.safeParse(setVariables(process.env));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = issue.path.join('.');
      const message = issue.code === 'invalid_type' ? `is required: ${issue.message}` : issue.message;
      process.stderr.write(`${variable}: ${message}\n`);
    }
    process.stderr.write('The Teams app package was not written.\n');
    process.exit(1);
  }
  const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const zip = await buildTeamsAppPackage({
    appId: parsed.data.MICROSOFT_APP_ID,
    publicUrl: parsed.data.PUBLIC_URL,
    privacyUrl: parsed.data.PRIVACY_URL,
    termsUrl: parsed.data.TERMS_URL,
    version,
  });
  const out = path.resolve(values.out ?? path.join(ROOT, 'dist', 'teams-app.zip'));
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, zip);
  process.stdout.write(`Teams app package written to ${path.relative(process.cwd(), out) || out}\n`);
}

await main();
