import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { COMMANDS } from '../src/commands/command-catalog.js';
import { colorIcon, outlineIcon } from './png-icon.js';

export interface AppPackageSettings {
  /** The bot's Microsoft app id (MICROSOFT_APP_ID): the Teams app id and the bot id. */
  appId: string;
  /** The deployment's public URL, e.g. https://chatops.example.com. */
  publicUrl: string;
  /** The app version, semver. */
  version: string;
}

const MANIFEST = path.join(import.meta.dirname, 'manifest.json');

/** Commands about "this channel": offered in teams and group chats, not in the 1:1 chat. */
const CHANNEL_COMMANDS = new Set(['subscribe', 'unsubscribe', 'subscriptions']);

/** The bot's command menus, from the command catalog (title ≤ 32, description ≤ 128 characters). */
export function commandLists() {
  const command = (c: (typeof COMMANDS)[number]) => ({
    title: c.name.slice(0, 32),
    description: c.summary.slice(0, 128),
  });
  return [
    { scopes: ['personal'], commands: COMMANDS.filter((c) => !CHANNEL_COMMANDS.has(c.name)).map(command) },
    { scopes: ['team', 'groupChat'], commands: COMMANDS.map(command) },
  ];
}

/** teams/manifest.json with its placeholders and command lists filled; refuses to leave a placeholder. */
export async function teamsManifest(settings: AppPackageSettings): Promise<Record<string, unknown>> {
  const values: Record<string, string> = {
    MICROSOFT_APP_ID: settings.appId,
    PUBLIC_URL: settings.publicUrl.replace(/\/+$/, ''),
    PUBLIC_HOST: new URL(settings.publicUrl).host,
    VERSION: settings.version,
  };
  const template = await readFile(MANIFEST, 'utf8');
  const filled = template.replace(
    /\{\{(\w+)\}\}/g,
    (placeholder, name: string) => values[name] ?? placeholder,
  );
  const left = /\{\{\w+\}\}/.exec(filled);
  if (left) throw new Error(`teams/manifest.json has a placeholder the packager does not fill: ${left[0]}`);
  const manifest = JSON.parse(filled) as { bots: { commandLists: unknown }[] };
  manifest.bots[0]!.commandLists = commandLists();
  return manifest;
}

/** The Teams app package: manifest.json and the two icons at the root of a zip, as Teams expects. */
export async function buildTeamsAppPackage(settings: AppPackageSettings): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(await teamsManifest(settings), null, 2));
  zip.file('color.png', colorIcon());
  zip.file('outline.png', outlineIcon());
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
