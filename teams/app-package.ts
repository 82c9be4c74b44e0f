import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { COMMANDS, type CommandDescription } from '../src/commands/command-catalog.js';
import { TEAMS_PERSONAL_COMMANDS } from '../bots/teams/listeners/commands/teams-only-commands.js';
import { PRIVACY_PATH, TERMS_PATH } from '../src/runtime/legal-pages.js';
import { colorIcon, outlineIcon } from './png-icon.js';

export interface AppPackageSettings {
  /** The bot's Microsoft app id (MICROSOFT_APP_ID): the Teams app id and the bot id. */
  appId: string;
  /** The deployment's public URL, e.g. https://chatops.example.com. */
  publicUrl: string;
  /** The privacy statement (PRIVACY_URL); `<publicUrl>/privacy`, served by the bot, when unset. */
  privacyUrl?: string;
  /** The terms of use (TERMS_URL); `<publicUrl>/terms`, served by the bot, when unset. */
  termsUrl?: string;
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

/** Teams' limits on a command menu entry (app manifest schema). */
export const MENU_LIMITS = { title: 32, description: 128 } as const;

/**
 * A command's menu description: its summary, or its brief when the summary is too long. Never
 * cut: a description that does not fit stops the build instead of ending mid-sentence.
 */
export function menuDescription(command: CommandDescription): string {
  const fits = (text: string) => text.length <= MENU_LIMITS.description && !text.includes('`');
  const description = [command.summary, command.brief].find((text) => text !== undefined && fits(text));
  if (description === undefined) {
    throw new Error(
      `The command "${command.name}" needs a brief of at most ${MENU_LIMITS.description} characters, without code spans, for the Teams command menu`,
    );
  }
  return description;
}

/** The bot's command menus, from the command catalog. */
export function commandLists() {
  const command = (c: CommandDescription) => {
    if (c.name.length > MENU_LIMITS.title)
      throw new Error(`The command name "${c.name}" is too long for Teams`);
    return { title: c.name, description: menuDescription(c) };
  };
  // Catalog order is priority order; `help` always makes the cut.
  const menu = (exclude: Set<string>, own: readonly CommandDescription[] = []) => {
    const offered = [...own, ...COMMANDS].filter((c) => !exclude.has(c.name) && !ADMIN_COMMANDS.has(c.name));
    const help = offered.filter((c) => c.name === 'help');
    const rest = offered.filter((c) => c.name !== 'help').slice(0, MAX_MENU_COMMANDS - help.length);
    return [...rest, ...help].map(command);
  };
  return [
    { scopes: ['personal'], commands: menu(CHANNEL_COMMANDS, TEAMS_PERSONAL_COMMANDS) },
    { scopes: ['team', 'groupChat'], commands: menu(new Set()) },
  ];
}

/** teams/manifest.json with its placeholders and command lists filled; refuses to leave a placeholder. */
export async function teamsManifest(settings: AppPackageSettings): Promise<Record<string, unknown>> {
  const publicUrl = settings.publicUrl.replace(/\/+$/, '');
  const values: Record<string, string> = {
    MICROSOFT_APP_ID: settings.appId,
    PUBLIC_URL: publicUrl,
    PRIVACY_URL: settings.privacyUrl ?? `${publicUrl}${PRIVACY_PATH}`,
    TERMS_URL: settings.termsUrl ?? `${publicUrl}${TERMS_PATH}`,
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
