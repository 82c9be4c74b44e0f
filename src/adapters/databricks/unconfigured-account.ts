import { DomainError } from '../../errors/domain-errors.js';
import type { DatabricksAccountPort } from '../../ports/databricks-account.js';

const notConfigured = async (): Promise<never> => {
  throw new DomainError(
    'The bot has no Databricks account connection yet (DATABRICKS_ACCOUNT_ID, DATABRICKS_CLIENT_ID, DATABRICKS_CLIENT_SECRET). Ask an admin to configure it.',
  );
};

/** Stands in when no account credentials are configured, so every access attempt says why it cannot work. */
export const unconfiguredDatabricksAccount: DatabricksAccountPort = {
  findUserByEmail: notConfigured,
  getUser: notConfigured,
  findGroupByName: notConfigured,
  getGroup: notConfigured,
  addGroupMembers: notConfigured,
  removeGroupMembers: notConfigured,
  listGroupsPage: notConfigured,
  getListedGroup: notConfigured,
};
