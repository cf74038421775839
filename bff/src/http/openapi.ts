import { z } from 'zod';
import { contract, ERROR_CODES, type Endpoint } from '@hotline/shared-types';

type JsonObject = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonObject;
}

/** The properties of an object schema as OpenAPI parameters of one location. */
function parametersOf(schema: z.ZodType, where: 'query' | 'path'): JsonObject[] {
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/** Every `:name` of the path is a required path parameter, typed by the endpoint's params schema where it has one. */
function pathParameters(e: Endpoint): JsonObject[] {
  const typed = e.params ? parametersOf(e.params, 'path') : [];
  return [...e.path.matchAll(/:([A-Za-z_]+)/g)].map(
    ([, name]) =>
      typed.find((p) => p.name === name) ?? { name, in: 'path', required: true, schema: { type: 'string' } },
  );
}

function headerParameters(e: Endpoint): JsonObject[] {
  return Object.entries(e.headers ?? {}).map(([name, schema]) => {
    const json = schemaOf(schema, 'input');
    return {
      name: name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase()),
      in: 'header',
      required: !schema.safeParse(undefined).success,
      schema: json,
      ...(typeof json.description === 'string' ? { description: json.description } : {}),
    };
  });
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
    parameters: [...pathParameters(e), ...(e.query ? parametersOf(e.query, 'query') : []), ...headerParameters(e)],
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
      description: [
        '12345 微信通道的 HTTP API，由服务器校验所用的同一份契约生成。',
        '',
        '**如何登录（Authorize）**',
        '- 市民：小程序 `wx.login` 得到 code，`POST /api/v1/auth/wechat-login` 换取 `token`；',
        '  点右上角 Authorize，在 citizenToken 中填入该 token。',
        '- 工作人员：`POST /api/v1/admin/auth/login`（用户名、密码）得到 `token`，填入 staffToken。',
        '  同一来源连续失败 5 次后，该来源对该用户名须等待锁定期结束。',
        '- 两者都以 `Authorization: Bearer <token>` 发送；市民与工作人员的 token 互不通用。',
        '',
        '**提交诉求**须带 `Idempotency-Key` 请求头（每份草稿一个，重试时不变）：同一个键再次提交返回同一件诉求。',
        '',
        '**出错时**一律答 `{ error: { code, message, details, requestId } }`，message 是可直接展示的中文。错误码：' +
          Object.keys(ERROR_CODES).join(', '),
      ].join('\n'),
    },
    paths,
    components: {
      securitySchemes: {
        citizenToken: { type: 'http', scheme: 'bearer', description: '市民 token：POST /api/v1/auth/wechat-login' },
        staffToken: { type: 'http', scheme: 'bearer', description: '工作人员 token：POST /api/v1/admin/auth/login' },
      },
    },
  };
}
