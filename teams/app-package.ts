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

/** Admin set-up commands: they work when typed, but stay out of everyone's menus. */
const ADMIN_COMMANDS = new Set(['connect', 'connector', 'review']);

/** Teams shows at most 12 commands per menu. */
export const MAX_MENU_COMMANDS = 12;

/** The bot's command menus, from the command catalog (title ≤ 32, description ≤ 128 characters). */
export function commandLists() {
  const command = (c: (typeof COMMANDS)[number]) => ({
    title: c.name.slice(0, 32),
    description: c.summary.slice(0, 128),
  });
  // Catalog order is priority order; `help` always makes the cut.
  const menu = (exclude: Set<string>) => {
    const offered = COMMANDS.filter((c) => !exclude.has(c.name) && !ADMIN_COMMANDS.has(c.name));
    const help = offered.filter((c) => c.name === 'help');
    const rest = offered.filter((c) => c.name !== 'help').slice(0, MAX_MENU_COMMANDS - help.length);
    return [...rest, ...help].map(command);
  };
  return [
    { scopes: ['personal'], commands: menu(CHANNEL_COMMANDS) },
    { scopes: ['team', 'groupChat'], commands: menu(new Set()) },
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
