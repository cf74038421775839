import { z } from 'zod';
import { contract, ERROR_CODES, type Endpoint } from '@hotline/shared-types';

type JsonObject = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonObject;
}

function queryParameters(query: z.ZodType): JsonObject[] {
  const json = schemaOf(query, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
  }));
}

function operation(name: string, e: Endpoint): JsonObject {
  const responses: JsonObject = {};
  for (const [status, schema] of Object.entries(e.responses)) {
    responses[status] = {
      description: Number(status) < 400 ? 'Success' : 'Error envelope',
      content: { 'application/json': { schema: schemaOf(schema, 'output') } },
    };
  }
  return {
    operationId: name,
    summary: e.summary,
    tags: [e.tag],
    ...(e.auth === 'citizen' ? { security: [{ citizenToken: [] }] } : {}),
    ...(e.auth === 'staff' ? { security: [{ staffToken: [] }] } : {}),
    ...(e.permission ? { 'x-permission': e.permission } : {}),
    ...(e.query ? { parameters: queryParameters(e.query) } : {}),
    ...(e.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(e.body, 'input') } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3 document of the whole HTTP API, generated from the same schemas the server validates with. */
export function buildOpenApiDocument(info: { title: string; version: string }): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const [name, e] of Object.entries(contract) as [string, Endpoint][]) {
    const path = e.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [e.method.toLowerCase()]: operation(name, e) };
  }
  return {
    openapi: '3.0.3',
    info: {
      ...info,
      description:
        'Errors always answer with { error: { code, message, details, requestId } }. Codes: ' +
        Object.keys(ERROR_CODES).join(', '),
    },
    paths,
    components: {
      securitySchemes: {
        citizenToken: { type: 'http', scheme: 'bearer' },
        staffToken: { type: 'http', scheme: 'bearer', description: 'From POST /api/v1/admin/auth/login' },
      },
    },
  };
}
