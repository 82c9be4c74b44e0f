/** A workspace member the fake knows about (users.info, users.lookupByEmail). */
export interface FakeSlackUser {
  id: string;
  email: string;
  name?: string;
  realName?: string;
  isBot?: boolean;
  /** IANA zone, e.g. `Europe/Berlin`. Default `America/Los_Angeles`, as in Slack's examples. */
  tz?: string;
}

/** The `user` object of users.info / users.lookupByEmail (`profile.email` needs users:read.email). */
export function slackUserPayload(user: FakeSlackUser, teamId: string): Record<string, unknown> {
  const name = user.name ?? user.email.split('@')[0] ?? user.id;
  const realName = user.realName ?? name;
  const tz = user.tz ?? 'America/Los_Angeles';
  return {
    id: user.id,
    team_id: teamId,
    name,
    deleted: false,
    real_name: realName,
    tz,
    ...zoneInfo(tz),
    is_admin: false,
    is_owner: false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: name,
      display_name_normalized: name,
      email: user.email,
      team: teamId,
    },
  };
}

/** `tz_label` and `tz_offset` (seconds east of UTC, today) as users.info reports them. */
function zoneInfo(tz: string): { tz_label: string; tz_offset: number } {
  const part = (style: 'long' | 'longOffset'): string =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
  const seconds = offset ? Number(offset[2]) * 3600 + Number(offset[3]) * 60 : 0;
  return { tz_label: part('long'), tz_offset: offset?.[1] === '-' ? -seconds : seconds };
}
