/**
 * A person on one chat platform. Stored as `<platform>:<id>` (e.g. `slack:U123`). `sandbox` is
 * the browser chat console of `npm run sandbox` (bots/sandbox).
 */
export type ChatPlatform = 'slack' | 'teams' | 'sandbox';

const PLATFORMS: readonly ChatPlatform[] = ['slack', 'teams', 'sandbox'];

export interface ChatUser {
  platform: ChatPlatform;
  id: string;
}

export function formatChatUser(user: ChatUser): string {
  return `${user.platform}:${user.id}`;
}

export function parseChatUser(value: string): ChatUser {
  const separator = value.indexOf(':');
  const platform = value.slice(0, separator);
  if (separator < 0 || !PLATFORMS.includes(platform as ChatPlatform)) {
    throw new Error(`not a chat user reference: ${value}`);
  }
  return { platform: platform as ChatPlatform, id: value.slice(separator + 1) };
}
