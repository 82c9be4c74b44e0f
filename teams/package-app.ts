/**
 * `npm run teams:package`: builds dist/teams-app.zip, the app package to upload in Teams
 * (Apps → Manage your apps → Upload an app) or the Teams admin center.
 *
 *   MICROSOFT_APP_ID=<bot app id> PUBLIC_URL=https://chatops.example.com npm run teams:package
 *
 * `--out <file>` writes elsewhere.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildTeamsAppPackage } from './app-package.js';

const ROOT = path.resolve(import.meta.dirname, '..');

const settings = z.object({
  MICROSOFT_APP_ID: z.uuid("must be the bot's Microsoft app id (a GUID)"),
  PUBLIC_URL: z.url({ protocol: /^https$/ }).default('https://chatops.example.com'),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const parsed = settings.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      process.stderr.write(`${issue.path.join('.')}: ${issue.message}\n`);
    process.exit(1);
  }
  const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const zip = await buildTeamsAppPackage({
    appId: parsed.data.MICROSOFT_APP_ID,
    publicUrl: parsed.data.PUBLIC_URL,
    version,
  });
  const out = path.resolve(values.out ?? path.join(ROOT, 'dist', 'teams-app.zip'));
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, zip);
  process.stdout.write(`Teams app package written to ${path.relative(process.cwd(), out) || out}\n`);
}

await main();
