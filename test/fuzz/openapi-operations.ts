/** The part of a JSON schema the generators read; `$ref`s are resolved before they see it. */
export interface Schema {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  nullable?: boolean;
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
}

/** One route of the OpenAPI document, as the fuzzer drives it. */
export interface Operation {
  method: string;
  /** The template, e.g. `/api/articles/{slug}/comments/{id}`. */
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema with every `$ref` resolved, when the route takes one. */
  body: Schema | undefined;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation of the document the app serves at /api/docs-json: the fuzzer covers what the API declares, as it declares it. */
export async function loadOperations(baseUrl: string): Promise<Operation[]> {
  const res = await fetch(`${baseUrl}/api/docs-json`);
  if (!res.ok) throw new Error(`GET /api/docs-json answered ${res.status}`);
  const document = (await res.json()) as OpenApiDocument;
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) {
      const target = schemas[schema.$ref.replace('#/components/schemas/', '')];
      if (!target) throw new Error(`unresolved ${schema.$ref}`);
      return resolve(target);
    }
    return {
      ...schema,
      properties: schema.properties && Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, resolve(property)])),
      items: schema.items && resolve(schema.items),
    };
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      return { method: method.toUpperCase(), path, parameters: operation.parameters ?? [], body: schema && resolve(schema) };
    }),
  );
}
