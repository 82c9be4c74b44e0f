import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Manifest {
  features: {
    slash_commands: { command: string; url: string; usage_hint?: string; should_escape?: boolean }[];
    app_home: { home_tab_enabled: boolean };
    bot_user: { display_name: string };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string };
    event_subscriptions: { request_url: string; bot_events: string[] };
  };
}

describe('manifest.yml (the Slack app manifest)', () => {
  it('parses as YAML and declares /databricks, interactivity, events, App Home and the scopes', async () => {
    const text = await readFile(path.resolve(import.meta.dirname, '../manifest.yml'), 'utf8');
    const manifest = parse(text) as Manifest;
    const command = manifest.features.slash_commands.find((c) => c.command === '/databricks');
    expect(command?.url).toMatch(/\/slack\/events$/);
    expect(command?.usage_hint).toContain('request-access');
    // Typed @mentions, #channels and links arrive escaped (`<@U123|jane>`), which `revoke` reads.
    expect(command?.should_escape).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'im:write',
        'users:read',
        'users:read.email',
        // usergroups.users.list: approvers named by Slack user group.
        'usergroups:read',
        // conversations.history / conversations.replies: a retried post looks for its tagged copy.
        'channels:history',
        'groups:history',
        'im:history',
      ]),
    );
  });
});
