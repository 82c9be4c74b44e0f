import type { ColumnType, Selectable } from 'kysely';

export interface PeopleTable {
  /** Lower-case e-mail: the Databricks account user. */
  email: string;
  display_name: string | null;
  slack_user_id: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export type PersonRow = Selectable<PeopleTable>;
