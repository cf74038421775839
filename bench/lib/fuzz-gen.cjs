'use strict';
/**
 * Bad-input generators for every endpoint of the contract, shared by `npm run bench -- fuzz` and the fuzz slice
 * of `npm test` (bff/test/fuzz.test.ts). Plain CommonJS so the bench (compiled code) and jest (TypeScript through
 * swc) load the same file; its types are in fuzz-gen.d.cts.
 *
 * Everything is derived from the contract at run time: method, path, auth, permission and the zod schemas of
 * params, query, headers and body. Each generated request carries at least one defect that the contract says
 * must be refused — and the schema itself is the oracle: a "malformed" body or query is one its own schema
 * rejects as the server would see it — or is accepted by the contract, with odd but valid values. Runners send
 * the refusals first and compare the database around them, then the accepted ones.
 */
const fc = require('fast-check');
const { z } = require('zod');

/** Strings that have broken web services before: SQL-ish, control characters, surrogates, templates, paths. */
const NASTY = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  '" OR ""="',
  "1' UNION SELECT password_hash FROM staff_accounts --",
  "admin'--",
  '%',
  '_',
  '\\',
  '\\x00',
  '\u0000',
  '\u0000\u0001\u0002\u0007\u001b[31m\u007f',
  '\r\n\r\nX-Injected: 1',
  '\uD800',
  '\uDFFF',
  'a\uD83Db',
  '😀😃😄😁',
  '𠜎𠜱𠝹𠱓𠱸',
  '\u202Etxt.exe',
  '\uFEFF',
  '\u2028\u2029',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{constructor.constructor("return process")()}}',
  '../../../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '1e309',
  '-0',
  ' ',
  '',
];
const HUGE_NUMBERS = [
  1e308,
  -1e308,
  2 ** 53 + 2,
  -(2 ** 63),
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
  -0,
  0.1,
  -1,
  0,
  4294967296,
];
/** Raw JSON number texts that JSON.parse turns into Infinity or loses precision on. */
const HUGE_NUMBER_TEXTS = ['1e400', '-1e400', '123456789012345678901234567890', '0.0000000000000000000000001e-400'];
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Sets a key as an own enumerable property, so `__proto__` is data and never the object's prototype. */
function own(target, key, value) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const codeUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)) },
);

/** A string nobody should trust: nasty constants, random code units (lone surrogates, controls, astral), or long. */
const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 4, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NASTY.filter(Boolean)), fc.constantFrom(50, 300, 3000, 20000))
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
  },
);

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...HUGE_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  nastyString,
);

/** Arbitrary JSON with polluting keys at any depth. */
const junkJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...POLLUTING_KEYS), nastyString), tie('value')), { maxLength: 4 })
    .map((entries) => entries.reduce((o, [k, v]) => own(o, k, v), {})),
})).value;

/** `{"a":{"a":…}}` or `[[[…]]]` nested far deeper than any schema. */
const deepNesting = fc.tuple(fc.constantFrom(64, 1000, 5000), fc.boolean()).map(([depth, asArray]) => ({
  raw: asArray ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
}));

/** A `{ "__proto__": { "polluted": … } }` or `constructor.prototype` payload, planted at some depth. */
const pollutingPayload = fc
  .tuple(fc.constantFrom('__proto__', 'constructor.prototype', 'prototype'), fc.integer({ min: 0, max: 3 }))
  .map(([key, depth]) => {
    let payload = own({}, 'polluted', 'yes');
    for (const part of key.split('.').reverse()) payload = own({}, part, payload);
    for (let i = 0; i < depth; i += 1) payload = own({}, 'a', payload);
    return payload;
  });

// ---------------------------------------------------------------------------------------------------------------
// Values from the shared schemas (through their JSON Schema, the public view of a zod schema)

function jsonSchemaOf(schema) {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return {};
  }
}

function stringFrom(js) {
  if (js.format === 'date')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (js.format === 'date-time')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (js.pattern) {
    try {
      return fc.stringMatching(new RegExp(js.pattern));
    } catch {
      // A pattern fast-check cannot invert: fall through to plain text.
    }
  }
  const minLength = js.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(js.maxLength ?? 30, 60));
  const filler = '小区门口的路灯已经坏了一个多月，晚上出行很不方便。';
  return fc.oneof(
    fc.string({ unit: 'grapheme', minLength, maxLength }),
    fc.constant(filler.slice(0, maxLength)),
    // Hostile text that may still be valid: the schema, not this generator, decides.
    nastyString.map((nasty) => (nasty + filler).slice(0, maxLength)).filter((text) => text.length >= minLength),
  );
}

/** A value shaped like the schema says, often valid; the mutations below make it wrong. */
function plausible(js, depth = 0) {
  if (depth > 6) return fc.constant(null);
  if ('const' in js) return fc.constant(js.const);
  if (Array.isArray(js.enum) && js.enum.length) return fc.constantFrom(...js.enum);
  const alternatives = js.anyOf ?? js.oneOf;
  if (Array.isArray(alternatives) && alternatives.length)
    return fc.oneof(...alternatives.map((a) => plausible(a, depth + 1)));
  if (Array.isArray(js.allOf) && js.allOf[0]) return plausible(js.allOf[0], depth + 1);
  const type = Array.isArray(js.type) ? js.type[0] : js.type;
  switch (type) {
    case 'object': {
      const properties = Object.entries(js.properties ?? {});
      const required = new Set(js.required ?? []);
      if (!properties.length) return fc.constant({});
      return fc
        .tuple(
          ...properties.map(([, p]) => plausible(p, depth + 1)),
          fc.array(fc.boolean(), { minLength: properties.length, maxLength: properties.length }),
        )
        .map((values) => {
          const keep = values[properties.length];
          return properties.reduce((o, [name], i) => (required.has(name) || keep[i] ? own(o, name, values[i]) : o), {});
        });
    }
    case 'array':
      return fc.array(js.items ? plausible(js.items, depth + 1) : scalar, { maxLength: Math.min(js.maxItems ?? 3, 3) });
    case 'string':
      return stringFrom(js);
    case 'integer':
      return fc.integer({ min: Math.max(js.minimum ?? -1000, -1e9), max: Math.min(js.maximum ?? 1000, 1e9) });
    case 'number':
      return fc.double({ min: js.minimum ?? -1000, max: js.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return scalar;
  }
}

/** Every path to a value inside a plain JSON value, the root included. */
function pathsOf(value, prefix = []) {
  const out = [prefix];
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) out.push(...pathsOf(value[key], [...prefix, key]));
  }
  return out;
}

function cloneJson(value) {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (value && typeof value === 'object')
    return Object.keys(value).reduce((o, k) => own(o, k, cloneJson(value[k])), {});
  return value;
}

function setAt(root, path, update) {
  if (!path.length) return update(root);
  let parent = root;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1];
  const next = update(parent[last]);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else own(parent, last, next);
  return root;
}

const MUTATIONS = ['wrongType', 'nasty', 'huge', 'remove', 'extraKey', 'pollute', 'junk', 'wrap'];

/** Applies one mutation at a chosen place of a plausible value. */
function mutate(base, choice) {
  const value = cloneJson(base);
  const paths = pathsOf(value);
  const path = paths[choice.at % paths.length];
  switch (choice.kind) {
    case 'wrongType':
      return setAt(value, path, (v) =>
        typeof v === 'string'
          ? 12345
          : typeof v === 'number'
            ? String(v)
            : typeof v === 'boolean'
              ? 'true'
              : Array.isArray(v)
                ? {}
                : v && typeof v === 'object'
                  ? [v]
                  : 0,
      );
    case 'nasty':
      return setAt(value, path, () => choice.text);
    case 'huge':
      return setAt(value, path, () => choice.number);
    case 'remove':
      return path.length ? setAt(value, path, () => undefined) : {};
    case 'extraKey':
      return setAt(value, path, (v) =>
        v && typeof v === 'object' && !Array.isArray(v) ? own(v, choice.text || 'x', choice.junk) : v,
      );
    case 'pollute':
      return setAt(value, path, (v) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.assign(cloneJson(v), choice.polluting)
          : choice.polluting,
      );
    case 'junk':
      return setAt(value, path, () => choice.junk);
    case 'wrap':
      return setAt(value, path, (v) => [v]);
    default:
      return value;
  }
}

const mutationChoice = fc.record({
  kind: fc.constantFrom(...MUTATIONS),
  at: fc.nat(),
  text: nastyString,
  number: fc.constantFrom(...HUGE_NUMBERS),
  junk: junkJson,
  polluting: pollutingPayload,
});

/** A JSON value for a schema: plausible, mutated once or twice, or junk. */
function valueFor(schema) {
  const base = plausible(jsonSchemaOf(schema));
  return fc.oneof(
    { weight: 1, arbitrary: base },
    { weight: 5, arbitrary: fc.tuple(base, mutationChoice).map(([v, m]) => mutate(v, m)) },
    {
      weight: 2,
      arbitrary: fc.tuple(base, mutationChoice, mutationChoice).map(([v, a, b]) => mutate(mutate(v, a), b)),
    },
    { weight: 1, arbitrary: junkJson },
    { weight: 1, arbitrary: pollutingPayload },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Serialising what the server will parse

/** JSON text, sometimes with a raw huge number spliced in where JSON.stringify would have written a number. */
const bodyText = (valueArb) =>
  fc.oneof(
    { weight: 8, arbitrary: valueArb.map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valueArb, fc.constantFrom(...HUGE_NUMBER_TEXTS))
        .map(([v, n]) => (JSON.stringify(v) ?? 'null').replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/i, n)),
    },
    { weight: 1, arbitrary: deepNesting.map((d) => d.raw) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"a":',
        '{"a":1,}',
        "{'a':1}",
        'null',
        '1',
        '"text"',
        '[1,2',
        '{"a":1}{"b":2}',
        '\u0000',
        '{"__proto__":{"polluted":"yes"}}',
        '{"constructor":{"prototype":{"polluted":"yes"}}}',
        '{"a":"\\ud800"}',
        '{"a":"\\u0000"}',
        'NaN',
        '{"a":NaN}',
        '{"a":Infinity}',
        '\uFEFF{}',
      ),
    },
    { weight: 1, arbitrary: nastyString },
  );

/**
 * multipart/form-data framed with the boundary of CONTENT_TYPES' multipart entry, carrying what is not an image:
 * text, a truncated PNG header, SVG with script, several files, nasty file names, a missing closing boundary.
 */
const junkMultipart = fc
  .record({
    files: fc.array(
      fc.record({
        name: fc.oneof(fc.constant('file'), nastyString),
        filename: fc.oneof(fc.constant('p.png'), nastyString),
        type: fc.constantFrom('image/png', 'image/jpeg', 'image/svg+xml', 'application/octet-stream', 'text/plain'),
        content: fc.oneof(
          nastyString,
          fc.constantFrom(
            '\x89PNG\r\n\x1a\n\0\0\0\rIHDR',
            '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
            'GIF89a',
            '',
          ),
        ),
      }),
      { minLength: 0, maxLength: 3 },
    ),
    closed: fc.boolean(),
  })
  .map(({ files, closed }) => {
    const parts = files.map(
      (f) =>
        `------fuzz\r\nContent-Disposition: form-data; name="${f.name.replace(/["\r\n]/g, '')}"; filename="${f.filename.replace(/["\r\n]/g, '')}"\r\nContent-Type: ${f.type}\r\n\r\n${f.content}\r\n`,
    );
    return `${parts.join('')}${closed ? '------fuzz--\r\n' : ''}`;
  });

/** Content types with what @koa/bodyparser (json only, POST/PUT/PATCH) makes of them. */
const CONTENT_TYPES = [
  { value: 'application/json', json: true },
  { value: 'application/json; charset=utf-8', json: true },
  { value: 'Application/JSON', json: true },
  { value: 'application/vnd.api+json', json: true },
  { value: undefined, json: false },
  { value: 'text/plain', json: false },
  { value: 'application/x-www-form-urlencoded', json: false },
  { value: 'multipart/form-data; boundary=----fuzz', json: false },
  { value: 'application/xml', json: false },
  { value: 'image/png', json: false },
];

/** Koa's ctx.query: URLSearchParams, a repeated key becomes an array, every key an own property. */
function koaQuery(text) {
  const params = new URLSearchParams(text);
  const out = {};
  for (const key of params.keys()) {
    const values = params.getAll(key);
    own(out, key, values.length <= 1 ? values[0] : values);
  }
  return out;
}

/** Percent-encoded, and short: Node answers a bare 431 to request heads over 16 KiB, before the app sees them. */
const percent = (s) =>
  encodeURIComponent(
    Array.from(s)
      .slice(0, 60)
      .join('')
      .replace(/[\uD800-\uDFFF]/g, '\uFFFD'),
  );

/** A raw query string: the schema's keys with wrong, nasty or repeated values, bracket and polluting keys. */
function queryTextFor(schema) {
  const js = schema ? jsonSchemaOf(schema) : {};
  const names = Object.keys(js.properties ?? {});
  const key = fc.oneof(
    ...(names.length ? [{ weight: 4, arbitrary: fc.constantFrom(...names) }] : []),
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '__proto__',
        '__proto__[polluted]',
        'constructor[prototype][polluted]',
        'constructor.prototype.polluted',
        'a[0][b]',
        'a[]',
        '',
      ),
    },
    { weight: 1, arbitrary: nastyString },
  );
  const value = fc.oneof(
    schema
      ? plausible(js)
          .map((v) => (v && typeof v === 'object' ? Object.values(v)[0] : v))
          .map((v) => String(v ?? ''))
      : fc.constant('1'),
    nastyString,
    fc.constantFrom(...HUGE_NUMBER_TEXTS, '-1', '0', '1.5', 'true', '9'.repeat(400), '2026-02-30', '2026-13-01'),
  );
  const pair = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(key, value).map(([k, v]) => `${percent(k)}=${percent(v)}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00=%00', '=', '&&', 'a=%ED%A0%80', 'limit=1&limit=2', '+=+'),
    },
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 6, arbitrary: fc.array(pair, { minLength: 1, maxLength: 5 }).map((pairs) => pairs.join('&')) },
  );
}

/** A path parameter: an id that exists (so another defect decides), or junk that names nothing. */
function paramFor(ids) {
  return fc.oneof(
    ...(ids.length ? [{ weight: 2, arbitrary: fc.constantFrom(...ids).map((id) => ({ text: id, real: true })) }] : []),
    { weight: 4, arbitrary: nastyString.filter((s) => s.length > 0).map((s) => ({ text: percent(s), real: false })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '%',
          '%zz',
          '%E0%A4%A',
          '%ED%A0%80',
          '%00',
          '..',
          '.',
          '01ARZ3NDEKTSV4RRFFQ69G5FAV',
          'x'.repeat(65),
          '%2F..%2F',
          '1;DROP',
        )
        .map((text) => ({ text, real: false })),
    },
  );
}

/** A header value Node's HTTP client accepts (latin-1 without controls), possibly nonsense. */
const headerSafe = (s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

/** A value for a declared header: often plausible, sometimes junk; the schema decides whether it is a defect. */
function headerFor(schema) {
  return fc.oneof(
    plausible(jsonSchemaOf(schema)).map((v) => (typeof v === 'string' ? v : String(v))),
    nastyString.map((s) => headerSafe(s.slice(0, 2000))),
    fc.constant(undefined),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/**
 * @param {import('./fuzz-gen.d.cts').FuzzContext} ctx
 * @returns {import('fast-check').Arbitrary<import('./fuzz-gen.d.cts').FuzzRequest>}
 */
function requestArbitrary(ctx) {
  const endpoints = Object.entries(ctx.contract);
  const perEndpoint = endpoints.map(([name, e]) => endpointArbitrary(ctx, name, e));
  return fc.oneof(...perEndpoint, unknownRouteArbitrary, wrongMethodArbitrary(ctx));
}

/** Mostly sessions that pass this endpoint's guard, so the fuzz reaches validation and handlers; the rest must fail. */
const credentialOf = (ctx, e) => {
  const passing = ctx.credentials.filter((c) => authPasses(ctx, e, c));
  const failing = ctx.credentials.filter((c) => !authPasses(ctx, e, c));
  return fc.oneof(
    ...(passing.length ? [{ weight: 6, arbitrary: fc.constantFrom(...passing) }] : []),
    ...(failing.length ? [{ weight: 2, arbitrary: fc.constantFrom(...failing) }] : []),
    { weight: 1, arbitrary: fc.constantFrom(...ctx.badAuthorizations).map((header) => ({ kind: 'invalid', header })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          nastyString.map((s) => `Bearer ${headerSafe(s.slice(0, 2000))}`),
          fc.constantFrom(
            'Bearer',
            'Bearer ',
            'bearer x',
            'Basic YWRtaW46YWRtaW4=',
            'Bearer a.b.c',
            'Bearer v1..',
            'Bearer v1.e30.',
            'Bearer v1.eyJzdWIiOiJ4In0.AAAA',
            `Bearer ${'A'.repeat(4000)}`,
          ),
        )
        .map((header) => ({ kind: 'invalid', header })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none', header: undefined }) },
  );
};

/** Whether these credentials pass the endpoint's auth and permission. */
function authPasses(ctx, e, credential) {
  if (e.auth === 'none') return true;
  if (e.auth === 'citizen') return credential.kind === 'citizen';
  if (credential.kind !== 'staff') return false;
  return !e.permission || ctx.permissions[e.permission].includes(credential.role);
}

/**
 * What the handler sees of a body: Koa parses JSON only for POST/PUT/PATCH with a JSON content type (otherwise the
 * handler sees {}); invalid, oversized, non-object or `__proto__`-bearing JSON is refused before any route runs.
 */
function serverBody(method, contentType, text, limitBytes) {
  if (!['POST', 'PUT', 'PATCH'].includes(method) || !contentType.json) return { parsed: true, value: {} };
  if (Buffer.byteLength(text) > limitBytes) return { parsed: false };
  // raw-body decodes with iconv-lite, which drops a leading byte-order mark; co-body then takes an empty body
  // as {} and anything else must start with { or [ after JSON whitespace.
  const decoded = text.replace(/^\uFEFF/, '');
  if (decoded === '') return { parsed: true, value: {} };
  try {
    const value = JSON.parse(decoded);
    if (!value || typeof value !== 'object' || hasProtoKey(value)) return { parsed: false };
    return { parsed: true, value };
  } catch {
    return { parsed: false };
  }
}

/** co-body parses with @hapi/bourne, which refuses any `__proto__` key (protoAction 'error'): a 400 INVALID_JSON. */
function hasProtoKey(value) {
  if (!value || typeof value !== 'object') return false;
  return Object.keys(value).some((k) => k === '__proto__' || hasProtoKey(value[k]));
}

function endpointArbitrary(ctx, name, e) {
  const paramNames = [...e.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(e.method);
  // A POST without a body schema that declares 400 reads its body itself (the photo upload): junk there is a defect.
  const bodyReadByHandler = hasBody && !e.body && Boolean(e.responses[400]);
  const headerNames = Object.keys(e.headers ?? {});
  const oversize = fc.constantFrom('a', '😀').map((c) => JSON.stringify({ content: c.repeat(ctx.bodyLimitBytes) }));
  const text = e.body
    ? bodyText(valueFor(e.body))
    : bodyReadByHandler
      ? fc.oneof(bodyText(junkJson), junkMultipart)
      : bodyText(junkJson);
  return fc
    .record({
      credential: credentialOf(ctx, e),
      params: fc.tuple(...paramNames.map(() => paramFor(ctx.ids)), fc.constant(null)),
      query: queryTextFor(e.query),
      headers: fc.tuple(...headerNames.map((h) => headerFor(e.headers[h])), fc.constant(null)),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      body: hasBody
        ? fc.oneof({ weight: 12, arbitrary: text }, { weight: 1, arbitrary: oversize })
        : fc.oneof(fc.constant(''), text),
    })
    .map((r) => {
      let path = e.path;
      paramNames.forEach((p, i) => (path = path.replace(`:${p}`, r.params[i].text)));
      const headers = {};
      if (r.credential.header !== undefined) headers.authorization = r.credential.header;
      headerNames.forEach((h, i) => {
        if (r.headers[i] !== undefined) headers[h] = r.headers[i];
      });
      if (r.contentType.value) headers['content-type'] = r.contentType.value;
      const defects = [];
      if (!authPasses(ctx, e, r.credential)) defects.push('auth');
      if (paramNames.some((_, i) => !r.params[i].real)) defects.push('params');
      if (
        e.params &&
        !e.params.safeParse(Object.fromEntries(paramNames.map((p, i) => [p, safeDecode(r.params[i].text)]))).success
      )
        defects.push('params');
      if (e.query && !e.query.safeParse(koaQuery(r.query)).success) defects.push('query');
      headerNames.forEach((h, i) => {
        if (!e.headers[h].safeParse(r.headers[i] || undefined).success) defects.push(`header:${h}`);
      });
      const seen = serverBody(e.method, r.contentType, r.body, ctx.bodyLimitBytes);
      if (!seen.parsed) defects.push('body:unparseable');
      else if (e.body && !e.body.safeParse(seen.value).success) defects.push('body');
      else if (bodyReadByHandler) defects.push('body:not-an-image');
      return {
        endpoint: name,
        method: e.method,
        path: r.query ? `${path}?${r.query}` : path,
        headers,
        body: hasBody || r.body ? r.body : undefined,
        defects: [...new Set(defects)],
        mustReject: defects.length > 0,
        // Accepted by the contract, with odd but valid values (SQL-ish text, emoji, controls): any answer but a
        // 5xx will do. Valid writes change the database on purpose, so runners send these after the checksum.
        anythingGoes: defects.length === 0,
      };
    });
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const unknownRouteArbitrary = fc
  .tuple(
    fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    fc.array(nastyString.filter(Boolean), { minLength: 1, maxLength: 3 }),
  )
  .map(([method, parts]) => ({
    endpoint: '(unknown route)',
    method,
    path: `/api/v1/fuzz-nowhere/${parts.map(percent).join('/')}`,
    headers: { 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : '{}',
    defects: ['route'],
    mustReject: true,
    anythingGoes: false,
  }));

/** Methods Node's HTTP parser accepts that no endpoint declares, including WebDAV's and TRACE. */
const ODD_METHODS = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'PROPFIND',
  'PURGE',
  'SEARCH',
  'LOCK',
  'MKCOL',
  'REPORT',
  'TRACE',
];

/** A contract path asked with a method none of its endpoints declares. */
function wrongMethodArbitrary(ctx) {
  const declared = new Map();
  for (const e of Object.values(ctx.contract)) {
    declared.set(e.path, [...(declared.get(e.path) ?? []), e.method, ...(e.method === 'GET' ? ['HEAD'] : [])]);
  }
  const choices = [...declared].flatMap(([path, methods]) =>
    ODD_METHODS.filter((m) => !methods.includes(m)).map((method) => ({ path, method })),
  );
  return fc.tuple(fc.constantFrom(...choices), paramFor(ctx.ids)).map(([{ path, method }, param]) => ({
    endpoint: '(undeclared method)',
    method,
    path: path.replace(/:[A-Za-z_]+/g, param.text),
    headers: { 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : '{}',
    defects: ['method'],
    mustReject: true,
    anythingGoes: false,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Checking answers and the database

/**
 * What is wrong with one answer, or undefined: a 5xx, a malformed request accepted, or a non-2xx answer that is
 * not the error envelope with a known code.
 */
function problemWith(req, res, errorEnvelopeSchema) {
  if (res.status >= 500) return `server error ${res.status}`;
  if (req.mustReject && res.status < 400) return `accepted (${res.status}) despite ${req.defects.join(', ')}`;
  if (res.status >= 300) {
    if (!errorEnvelopeSchema.safeParse(res.body).success)
      return `${res.status} without the error envelope: ${String(JSON.stringify(res.body)).slice(0, 200)}`;
  }
  if (req.defects.includes('auth') && req.defects.length === 1 && res.status !== 401 && res.status !== 403) {
    return `auth defect answered ${res.status} instead of 401/403`;
  }
  return undefined;
}

/** Own properties of Object.prototype and Array.prototype: a fuzz run must leave them exactly as they were. */
function prototypeFingerprint() {
  return [Object.prototype, Array.prototype, Function.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(','))
    .join('|');
}

/**
 * No table or row is left out of the checksum. Refusals that legitimately write — a failed staff sign-in is audited
 * and counted towards the lockout — need a well-formed sign-in, which the refusal phase never sends (its bodies
 * fail the schema); rate-limit windows live in memory or Redis, not in the database.
 */

/** sha256 of every table's rows in primary-key order, by table. */
async function tableChecksums(query, dialect) {
  const crypto = require('node:crypto');
  const tables =
    dialect === 'sqlite'
      ? (await query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).map(
          (r) => r.name,
        )
      : (await query('SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()')).map(
          (r) => r.name,
        );
  const sums = {};
  for (const table of tables.sort()) {
    const keys =
      dialect === 'sqlite'
        ? (await query(`SELECT name FROM pragma_table_info('${table}') WHERE pk > 0 ORDER BY pk`)).map((r) => r.name)
        : (
            await query(
              "SELECT COLUMN_NAME AS name FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION",
              [table],
            )
          ).map((r) => r.name);
    const q = dialect === 'sqlite' ? (n) => `"${n}"` : (n) => `\`${n}\``;
    const order = keys.length ? keys.map(q).join(', ') : '1';
    const rows = await query(`SELECT * FROM ${q(table)} ORDER BY ${order}`);
    const hash = crypto.createHash('sha256');
    for (const row of rows) {
      hash.update(
        JSON.stringify(row, (_k, v) =>
          v && v.type === 'Buffer' && Array.isArray(v.data) ? Buffer.from(v.data).toString('hex') : v,
        ),
      );
      hash.update('\n');
    }
    sums[table] = `${rows.length}:${hash.digest('hex')}`;
  }
  return sums;
}

/** Names of tables whose checksum differs. */
function changedTables(before, after) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}

/**
 * Authorization values made from a real `Bearer v1.<payload>.<signature>`: one signature byte flipped, the payload
 * changed (another subject, a far expiry) under the old signature, the signature dropped or swapped for junk.
 */
function tamperedFrom(header) {
  const [, payload = '', signature = ''] = header.replace(/^Bearer /, '').split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const forged = (changes) => Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url');
  return [
    `Bearer v1.${payload}.${bytes.toString('base64url')}`,
    `Bearer v1.${forged({ sub: `${claims.sub}0` })}.${signature}`,
    `Bearer v1.${forged({ exp: claims.exp + 3600 })}.${signature}`,
    `Bearer v1.${payload}.`,
    `Bearer v1.${payload}`,
    `Bearer v2.${payload}.${signature}`,
    `Bearer v1.${payload}.${signature}.extra`,
    `Bearer  v1.${payload}.${signature}`,
    `Token v1.${payload}.${signature}`,
  ];
}

/** A value the schema accepts, found among plausible ones (for tests that need a valid body); undefined if none. */
function validSample(schema, seed = 1) {
  const candidates = fc.sample(plausible(jsonSchemaOf(schema)), { numRuns: 500, seed });
  return candidates.find((v) => schema.safeParse(v).success);
}

/** Every GET of the contract without path parameters, with a session that passes its guard: what harvestIds reads. */
function harvestRequests(ctx) {
  return Object.values(ctx.contract)
    .filter((e) => e.method === 'GET' && !e.path.includes(':'))
    .flatMap((e) => {
      const credential = e.auth === 'none' ? { header: undefined } : ctx.credentials.find((c) => authPasses(ctx, e, c));
      if (!credential) return [];
      return [{ path: e.path, headers: credential.header ? { authorization: credential.header } : {} }];
    });
}

/**
 * Identifiers found in answers (fields named id, code, key, region…), so path parameters can name things that
 * exist — catalog regions and items as much as cases — without this module knowing any endpoint.
 */
function harvestIds(answers, limit = 60) {
  const found = new Set();
  const walk = (value, key) => {
    if (found.size >= limit) return;
    if (
      typeof value === 'string' &&
      /^(id|code|key|region|regionCode|area|areaCode)$/.test(key) &&
      value.length <= 64
    ) {
      found.add(value);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? key : k);
    }
  };
  for (const answer of answers) walk(answer, '');
  return [...found];
}

/** The requests of a run: deterministic for a seed. */
function sampleRequests(ctx, count, seed) {
  return fc.sample(requestArbitrary(ctx), { numRuns: count, seed });
}

module.exports = {
  sampleRequests,
  requestArbitrary,
  problemWith,
  prototypeFingerprint,
  tableChecksums,
  changedTables,
  tamperedFrom,
  validSample,
  harvestIds,
  harvestRequests,
};
