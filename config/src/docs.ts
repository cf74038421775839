import { z } from 'zod';
import { configSchema, ENV_VARS, REQUIRED_FOR_HOTLINE_ADAPTER, REQUIRED_IN_PRODUCTION } from './schema';

interface JsonSchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchemaNode>;
  anyOf?: JsonSchemaNode[];
}

function rows(node: JsonSchemaNode, prefix: string): string[][] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (child.properties) return rows(child, dotted);
    const envVar = Object.entries(ENV_VARS).find(([, k]) => k === dotted)?.[0] ?? '';
    const adapter = Object.entries(REQUIRED_FOR_HOTLINE_ADAPTER).find(([, keys]) =>
      (keys as readonly string[]).includes(dotted),
    )?.[0];
    const required = (REQUIRED_IN_PRODUCTION as readonly string[]).includes(dotted)
      ? 'required in production'
      : adapter
        ? `required in production with hotline.adapter=${adapter}`
        : '';
    const fallback = child.default === undefined ? required || '—' : `\`${JSON.stringify(child.default)}\``;
    const allowed = child.enum ? ` One of: ${child.enum.join(', ')}.` : '';
    return [[`\`${dotted}\``, envVar ? `\`${envVar}\`` : '', fallback, `${child.description ?? ''}${allowed}`]];
  });
}

/** docs/configuration.md, generated from the schema so the two cannot drift (a test compares them). */
export function renderConfigDocs(): string {
  const json = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const table = [['key', 'environment variable', 'default', 'meaning'], ['---', '---', '---', '---'], ...rows(json, '')]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
  return `# Configuration

Generated from \`config/src/schema.ts\` by \`npm run docs:config\`; do not edit by hand.

Layers, each overriding the one before: the defaults below → \`config/<mode>.json\` (optional, same shape as
the keys) → environment variables → values passed by the start-up code. \`APP_MODE\` picks the mode.

- **demo** (the default of \`npm start\`): the embedded SQLite file, the WeChat and hotline simulators on
  loopback, secrets generated once into \`var/demo-secrets.json\`, sample data labelled 示例数据.
- **production**: refuses to start, printing every missing or invalid key at once, unless it has all the keys
  marked "required in production" below. No secret has a default.

${table}
`;
}
