/**
 * The Unity Catalog list calls agent discovery makes: `GET /api/2.1/unity-catalog/models` and
 * `GET /api/2.1/unity-catalog/functions`, filtered by `catalog_name` and `schema_name` (both
 * required for functions, as on Databricks), paginated with `max_results` / `page_token`.
 */
export interface EmulatedRegisteredModel {
  catalog_name: string;
  schema_name: string;
  name: string;
  comment?: string;
  owner?: string;
}

export interface EmulatedFunction {
  catalog_name: string;
  schema_name: string;
  name: string;
  comment?: string;
  /** e.g. `SQL`, `PYTHON`. */
  routine_body?: string;
}

export interface UnityCatalogContents {
  registeredModels: EmulatedRegisteredModel[];
  functions: EmulatedFunction[];
}

type Reply = { status: number; body: unknown };

function page<T>(items: T[], query: URLSearchParams, key: string): Reply {
  const size = Math.max(1, Math.min(Number(query.get('max_results') ?? 100) || 100, 1000));
  const start = Number(query.get('page_token') ?? 0) || 0;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? String(start + size) : undefined;
  return { status: 200, body: { [key]: slice, ...(next ? { next_page_token: next } : {}) } };
}

const withFullName = <T extends { catalog_name: string; schema_name: string; name: string }>(item: T) => ({
  ...item,
  full_name: `${item.catalog_name}.${item.schema_name}.${item.name}`,
});

/** A reply for a Unity Catalog path, or undefined when the path is not one of these. */
export function unityCatalogGet(
  contents: UnityCatalogContents,
  path: string,
  query: URLSearchParams,
): Reply | undefined {
  const catalog = query.get('catalog_name');
  const schema = query.get('schema_name');
  const inSchema = (item: { catalog_name: string; schema_name: string }) =>
    (!catalog || item.catalog_name === catalog) && (!schema || item.schema_name === schema);
  if (path === '/api/2.1/unity-catalog/models') {
    if (Boolean(catalog) !== Boolean(schema)) {
      return {
        status: 400,
        body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'catalog_name and schema_name go together.' },
      };
    }
    return page(contents.registeredModels.filter(inSchema).map(withFullName), query, 'registered_models');
  }
  if (path === '/api/2.1/unity-catalog/functions') {
    if (!catalog || !schema) {
      return {
        status: 400,
        body: {
          error_code: 'INVALID_PARAMETER_VALUE',
          message: 'catalog_name and schema_name are required.',
        },
      };
    }
    return page(contents.functions.filter(inSchema).map(withFullName), query, 'functions');
  }
  return undefined;
}
