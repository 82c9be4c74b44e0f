import type { ColumnType, Generated, Selectable } from 'kysely';

export interface ChannelSubscriptionsTable {
  id: Generated<number>;
  platform: string;
  channel_id: string;
  topic: string;
  filter: ColumnType<unknown, string, string>;
  filter_key: string;
  created_by: string;
  created_at: Date;
}

export type ChannelSubscriptionRow = Selectable<ChannelSubscriptionsTable>;
