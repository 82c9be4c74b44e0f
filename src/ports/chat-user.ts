/** A person on one chat platform. Stored as `<platform>:<id>` (e.g. `slack:U123`). */
export type ChatPlatform = 'slack' | 'teams';

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
  if (separator < 0 || (platform !== 'slack' && platform !== 'teams')) {
    throw new Error(`not a chat user reference: ${value}`);
  }
  return { platform, id: value.slice(separator + 1) };
}
