import type { ColumnType, Selectable } from 'kysely';

export interface MessageDeliveriesTable {
  key: string;
  operation: 'post' | 'update' | 'reply';
  platform: string;
  target_kind: 'user' | 'channel' | 'posted';
  target_id: string;
  target_message_id: string | null;
  message: ColumnType<unknown, string, string>;
  revision: ColumnType<number, number | undefined, number>;
  subject_type: string | null;
  subject_id: string | null;
  purpose: string | null;
  recipient: string | null;
  state: ColumnType<
    'pending' | 'sent' | 'failed',
    'pending' | 'sent' | 'failed' | undefined,
    'pending' | 'sent' | 'failed'
  >;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  posted_channel: string | null;
  posted_message_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** Queue order (an identity column). */
  seq: ColumnType<number, never, never>;
  /** Posts with the same order key to the same target are delivered in `seq` order. */
  order_key: string | null;
  sent_at: Date | null;
  /** A post or reply attempted with no recorded outcome since then (see deliver-message.ts). */
  posting_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type MessageDeliveryRow = Selectable<MessageDeliveriesTable>;
