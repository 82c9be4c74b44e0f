/**
 * Errors as a Databricks SQL warehouse reports them: `[ERROR_CLASS] message SQLSTATE: xxxxx`,
 * and the mapping from Postgres errors (raised by the emulator's translated SQL) to those classes.
 */

export class DatabricksSqlError extends Error {
  constructor(
    readonly errorClass: string,
    readonly detail: string,
    readonly sqlState: string,
  ) {
    super(`[${errorClass}] ${detail} SQLSTATE: ${sqlState}`);
    this.name = 'DatabricksSqlError';
  }
}

export function unsupported(what: string): DatabricksSqlError {
  return new DatabricksSqlError(
    'UNSUPPORTED_FEATURE.EMULATOR',
    `The Databricks workspace emulator does not support ${what}. See emulator/sql-translator.ts for the supported subset.`,
    '0A000',
  );
}

export function tableNotFound(name: string): DatabricksSqlError {
  const quoted = name
    .split('.')
    .map((part) => `\`${part}\``)
    .join('.');
  return new DatabricksSqlError(
    'TABLE_OR_VIEW_NOT_FOUND',
    `The table or view ${quoted} cannot be found. Verify the spelling and correctness of the schema and catalog.`,
    '42P01',
  );
}

export function insufficientPermissions(table: string): DatabricksSqlError {
  return new DatabricksSqlError(
    'INSUFFICIENT_PERMISSIONS',
    `Insufficient privileges: User does not have permission SELECT on table '${table}'.`,
    '42501',
  );
}

export function unboundParameter(name: string): DatabricksSqlError {
  return new DatabricksSqlError('UNBOUND_SQL_PARAMETER', `Found the unbound parameter: ${name}.`, '42P02');
}

interface PostgresError {
  code?: string;
  message: string;
}

const POSTGRES_CLASSES: Record<string, [errorClass: string, sqlState: string]> = {
  '42703': ['UNRESOLVED_COLUMN.WITHOUT_SUGGESTION', '42703'],
  '42P01': ['TABLE_OR_VIEW_NOT_FOUND', '42P01'],
  '42883': ['UNRESOLVED_ROUTINE', '42883'],
  '42702': ['AMBIGUOUS_REFERENCE', '42702'],
  '42601': ['PARSE_SYNTAX_ERROR', '42601'],
  '42804': ['DATATYPE_MISMATCH', '42K09'],
  '22P02': ['CAST_INVALID_INPUT', '22018'],
  '22007': ['CAST_INVALID_INPUT', '22018'],
  '22008': ['DATETIME_FIELD_OUT_OF_BOUNDS', '22023'],
  '22012': ['DIVIDE_BY_ZERO', '22012'],
  '42803': ['MISSING_AGGREGATION', '42803'],
};

/** A Postgres error from a translated statement, reported the way Databricks would classify it. */
export function fromPostgresError(error: unknown): DatabricksSqlError {
  if (error instanceof DatabricksSqlError) return error;
  const pgError = error as PostgresError;
  const [errorClass, sqlState] = POSTGRES_CLASSES[pgError.code ?? ''] ?? ['INTERNAL_ERROR', 'XX000'];
  return new DatabricksSqlError(errorClass, `${pgError.message} (emulated on Postgres).`, sqlState);
}
