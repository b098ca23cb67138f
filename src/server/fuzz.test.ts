/**
 * A property test over the whole HTTP API: every route (found by reading the server's own OpenAPI document and route
 * table, so a new route is fuzzed without anyone listing it here) gets random and malformed path parameters, query
 * strings, bodies, content types, If-Match headers and callers. Whatever arrives, the server:
 *   - never answers 5xx;
 *   - leaves the database exactly as it was when it refuses (4xx): row counts and a content hash of every table;
 *   - refuses in JSON with a Chinese `message`, and without stack frames, SQL, node_modules or file paths.
 * Bodies are drawn mostly from each route's own JSON schema (so many pass validation and reach the commands), with
 * mutations; ids are mostly real ones; If-Match is sometimes the resource's current version, so the write paths are
 * reached too. Successful writes may change the database: that is their job.
 *
 * The seed is fixed (SEED below) so a failure reproduces; fast-check prints the seed, path and shrunk request.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { approveAdjustment, createAdjustment, submitAdjustment } from '../commands/adjustments.js';
import { changePassword, createUser } from '../commands/users.js';
import { roles, type Role } from '../domain/vocabulary.js';
import { dumpTables } from '../store/dump.repository.js';
import { databaseFingerprint } from '../../test/context.js';
import { createInstitutionItem, setQuotaItem } from '../../test/factories.js';
import { createServerFixture, signIn, testPassword, type SignedIn } from '../../test/server-harness.js';

/** Change to explore other corners; a failure report names the seed it ran with. */
const SEED = 20_261_127;
/** Runs per route (45 routes incl. the documentation pages; the whole file takes about 30 s). */
const RUNS = 40;

// ---------- the server ----------

const f = await createServerFixture();
afterAll(() => f.close());

/** A user the fuzzer may reset, patch and disable: the signed-in role users must stay usable. */
const victim = 'fuzz-victim';
await createUser(f.ctx, { username: victim, role: 'leader' });
const protectedUsers = new Set<string>([...roles, victim]);

/** Adjustments in each state (draft, submitted, approved), so that the transitions have something to act on. */
for (const [i, steps] of [0, 0, 1, 1, 2, 2].entries()) {
  const a = await createAdjustment(f.ctx, {
    docNumber: `模糊〔2026〕${i + 1}号`,
    title: `模糊测试事项${i + 1}`,
    effectiveOn: '2026-06-01',
    items:
      i % 2
        ? [setQuotaItem(f.ids.audit, 'admin', 9 + i)]
        : [createInstitutionItem(`模糊测试中心${i}`, 'public_institution', { parentId: f.ids.finance })],
  });
  if (steps >= 1) await submitAdjustment(f.ctx, a.id, a.version);
  if (steps >= 2) await approveAdjustment({ ...f.ctx, actor: 'approver' }, a.id, a.version + 1);
}

type CallerKind =
  | { kind: 'role'; role: Role }
  | { kind: 'noCsrf'; role: Role }
  | { kind: 'wrongCsrf'; role: Role }
  | { kind: 'bearer' }
  | { kind: 'badBearer'; token: string }
  | { kind: 'anonymous' };

const sessions = new Map<Role, SignedIn>();
for (const role of roles) sessions.set(role, await signIn(f.app, role));
const tokenFor = async () => {
  const r = await f.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    payload: { username: 'admin', password: testPassword },
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().token as string;
};
let bearerToken = await tokenFor();

// ---------- which routes there are ----------

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  nullable?: boolean;
}

interface Param {
  name: string;
  schema: JsonSchema;
}

interface RouteSpec {
  method: string;
  /** OpenAPI style: /api/adjustments/{id}/apply; a trailing * is a wildcard. */
  path: string;
  pathParams: Param[];
  query: Param[];
  body?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** `app.printRoutes()` (a tree) flattened to path → methods, paths in OpenAPI style. */
function routeTable(): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const stack: string[] = [];
  for (const line of f.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│\s]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth > 0 ? stack[depth - 1]! : '') + m[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    if (m[3])
      table.set(
        path.replace(/:(\w+)/g, '{$1}'),
        m[3].split(',').map((s) => s.trim()),
      );
  }
  return table;
}

function enumerateRoutes(): RouteSpec[] {
  const doc = (
    f.app as unknown as { swagger(): { paths: Record<string, Record<string, OpenApiOperation>> } }
  ).swagger();
  const specs: RouteSpec[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const parameters = op.parameters ?? [];
      specs.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  // what the OpenAPI document leaves out (the documentation pages themselves) is fuzzed too
  for (const [path, methods] of routeTable()) {
    if (!path.startsWith('/api')) continue;
    for (const method of methods) {
      if (method === 'HEAD' || specs.some((s) => s.path === path && s.method === method)) continue;
      specs.push({ method, path, pathParams: [], query: [] });
    }
  }
  return specs;
}

const routes = enumerateRoutes();
const routeName = (r: RouteSpec) => `${r.method} ${r.path}`;
/** Each route its own sequence (derived from SEED and the route, so stable when routes are added). */
const seedOf = (r: RouteSpec) => [...routeName(r)].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED);

// ---------- ids and values ----------

/** Real ids by table, reloaded before each route (so they include what earlier routes' writes created). */
const idTables = ['institutions', 'persons', 'adjustments', 'users'] as const;
type IdKind = (typeof idTables)[number];
const idPools = new Map<IdKind | 'any', string[]>();
async function reloadIds() {
  const all: string[] = [];
  for (const t of idTables) {
    const r = await f.pool.query<{ id: string }>(`SELECT id::text FROM ${t} ORDER BY id`);
    const ids = r.rows.map((x) => x.id);
    idPools.set(t, ids);
    all.push(...ids);
  }
  idPools.set('any', all);
}
await reloadIds();

/** The table a path's ids most likely come from. */
const idKindOf = (path: string): IdKind | 'any' =>
  path.startsWith('/api/adjustments')
    ? 'adjustments'
    : path.startsWith('/api/people')
      ? 'persons'
      : path.startsWith('/api/institutions')
        ? 'institutions'
        : 'any';

const realIdOf = (kind: IdKind | 'any') =>
  fc.tuple(fc.nat(), fc.nat({ max: 9 })).map(([i, other]) => {
    const pool = idPools.get(other === 0 ? 'any' : kind)!; // now and then a real id of another table
    return pool.length ? pool[i % pool.length]! : '00000000-0000-4000-8000-000000000000';
  });
const realId = realIdOf('any');
const uuidOf = (kind: IdKind | 'any') =>
  fc.oneof(
    { weight: 8, arbitrary: realIdOf(kind) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: realIdOf(kind).map((u) => u.toUpperCase()) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
    },
  );
/** Ids in bodies and query strings: mostly institutions (what items, filters and users refer to). */
const uuidArb = uuidOf('institutions');

const cjk = /[\u3400-\u9fff]/;
const hanzi = fc.constantFrom(...'区财政局审计办公室预算股编制机构人员职能中心街道乡镇科级处〔〕号');
const chineseString = (minLength = 0, maxLength = 20) => fc.string({ unit: hanzi, minLength, maxLength });

/** Dates: real ones, ones of the right shape that do not exist (the classic gap of a regex-only check), and wrong shapes. */
const dateArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('2025-02-30', '2023-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '0000-01-01'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2024-02-29',
      '0001-01-01',
      '1000-01-01',
      '9999-12-31',
      '10000-01-01',
      '2026-1-1',
      '2026-11-27T00:00:00Z',
      '1970-01-01',
      '',
    ),
  },
);

/** Strings meant to break things: traversal, encodings, injection, control characters, sizes. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  chineseString(1, 30),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../..',
    '../../../etc/passwd',
    '..%2F..%2Fpackage.json',
    '%',
    '%E0%A4%A',
    '%00',
    '%2F',
    '%u0000',
    '\u0000',
    '\u202e',
    'null',
    'undefined',
    'NaN',
    'Infinity',
    '-1',
    '0',
    '1e309',
    '99999999999999999999999',
    "' OR 1=1 --",
    '"; DROP TABLE users; --',
    '${7*7}',
    '{{7*7}}',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    'a'.repeat(201),
    'x'.repeat(3000),
    '编'.repeat(120),
    '😀'.repeat(50),
  ),
);

const garbageValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  nastyString,
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom(1e308, -1, 0, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 0.5),
  fc.jsonValue({ maxDepth: 2 }),
);

/**
 * Values mostly conforming to a JSON schema, now and then replaced by garbage at any depth (rarely deep down, so that
 * a good share of whole bodies passes validation and reaches the commands).
 */
function fromSchema(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: depth === 0 ? 6 : 40, arbitrary: conforming(s, depth) },
    { weight: 1, arbitrary: garbageValue },
  );
}

function conforming(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const orNull = (a: fc.Arbitrary<unknown>) =>
    s.nullable ? fc.oneof({ weight: 4, arbitrary: a }, fc.constant(null)) : a;
  if (depth > 6) return fc.constant(null);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return orNull(fc.oneof(...alternatives.map((a) => fromSchema(a, depth + 1))));
  if (s.enum) return orNull(fc.constantFrom(...s.enum));
  if (s.const !== undefined) return fc.constant(s.const);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'uuid') return orNull(uuidArb);
      if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return orNull(dateArb);
      if (s.pattern) return orNull(fc.stringMatching(new RegExp(s.pattern)));
      const minLength = s.minLength ?? 0;
      const maxLength = Math.min(s.maxLength ?? 40, 60);
      return orNull(
        fc.oneof(
          { weight: 6, arbitrary: chineseString(Math.min(minLength, maxLength), maxLength) },
          { weight: 3, arbitrary: fc.string({ minLength: Math.min(minLength, maxLength), maxLength }) },
          { weight: 1, arbitrary: fc.constant('x'.repeat((s.maxLength ?? 100) + 1)) },
          // characters PostgreSQL text cannot hold, or that render oddly
          {
            weight: 1,
            arbitrary: fc
              .tuple(chineseString(1, 5), fc.constantFrom('\u0000', '\ud800', '\u202e', '\r\n', '\t'))
              .map(([a, b]) => a + b),
          },
        ),
      );
    }
    case 'integer': {
      const min = Math.max(s.minimum ?? -1_000_000, -1_000_000);
      const max = Math.min(s.maximum ?? 1_000_000, 1_000_000);
      const edges = [s.minimum, s.maximum, 0, 1].filter((x): x is number => typeof x === 'number');
      return orNull(fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, fc.constantFrom(...edges)));
    }
    case 'number':
      return orNull(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return orNull(fc.boolean());
    case 'array':
      return orNull(
        fc.array(fromSchema(s.items ?? {}, depth + 1), {
          minLength: s.minItems ?? 0,
          maxLength: Math.max(Math.min(s.maxItems ?? 4, 4), s.minItems ?? 0),
        }),
      );
    case 'object': {
      const props = s.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, depth + 1)])),
        { requiredKeys: (s.required ?? []).filter((k) => k in props) },
      );
      return orNull(
        fc.oneof(
          { weight: 6, arbitrary: record },
          fc
            .tuple(record, fc.dictionary(fc.string({ maxLength: 10 }), garbageValue, { maxKeys: 3 }))
            .map(([r, extra]) => ({ ...extra, ...r })),
        ),
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

// ---------- requests ----------

type Body =
  | { as: 'none' }
  | { as: 'json'; value: unknown }
  | { as: 'raw'; contentType: string | undefined; text: string }
  | { as: 'huge'; contentType: string; bytes: number }
  | { as: 'multipart'; declaredBoundary: string | undefined; parts: MultipartPart[]; truncate: boolean };

interface MultipartPart {
  field: string;
  filename: string | undefined;
  contentType: string;
  content: string | { bytes: number[] };
}

type IfMatch = { as: 'none' } | { as: 'current'; weak: boolean; versionDelta: number } | { as: 'value'; value: string };

interface FuzzRequest {
  method: string;
  /** Path segments as sent (already encoded or deliberately raw). */
  path: string;
  query: string;
  body: Body;
  ifMatch: IfMatch;
  caller: CallerKind;
  headers: Record<string, string>;
}

const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\ud800-\udfff]/g, '%ED%A0%80'); // a lone surrogate: send bytes no UTF-8 decoder accepts
  }
};

const junkSegment = fc.oneof(
  nastyString.map(encode),
  fc.constantFrom('', '..', '../..', '%', '%E0%A4%A', '%00', '%2e%2e', '.%2e', '//', ';', '?', '#', 'a'.repeat(300)),
);

function paramArb(p: Param, path: string): fc.Arbitrary<string> {
  const s = p.schema;
  let valid: fc.Arbitrary<string>;
  if (s.enum) valid = fc.constantFrom(...(s.enum as string[]));
  else if (s.format === 'uuid') valid = uuidOf(idKindOf(path));
  else if (s.pattern)
    valid = fc.oneof(
      fc.constantFrom(victim, 'no-such-user', 'ADMIN.', 'a'),
      fc.stringMatching(new RegExp(s.pattern)).filter((u) => !protectedUsers.has(u) || u === victim),
    );
  else valid = nastyString;
  return fc.oneof({ weight: 5, arbitrary: valid.map(encode) }, { weight: 2, arbitrary: junkSegment });
}

const wildcardArb = fc.oneof(
  fc.constantFrom(
    'index.html',
    'swagger-initializer.js',
    'swagger-ui.css',
    'swagger-ui-bundle.js',
    '../../package.json',
    '..%2F..%2F..%2Fpackage.json',
    '%2e%2e/%2e%2e/package.json',
    'static/../../../../etc/passwd',
    '',
    'json',
    'yaml',
  ),
  fc.array(junkSegment, { maxLength: 4 }).map((xs) => xs.join('/')),
);

function queryArb(r: RouteSpec): fc.Arbitrary<string> {
  const key = fc.oneof(
    {
      weight: r.query.length ? 6 : 0,
      arbitrary: fc.constantFrom(...(r.query.length ? r.query : [{ name: 'x' }])).map((p) => p.name),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'asOf[]', 'page[0]', 'a[b]', '', 'unmask', 'dryRun'),
    },
  );
  const valueFor = (k: string): fc.Arbitrary<string> => {
    const p = r.query.find((q) => q.name === k);
    const garbage = fc.oneof(
      nastyString,
      dateArb,
      fc.constantFrom(
        '2025-02-30',
        '1e309',
        '-1',
        '0',
        '99999999999999999999',
        'NaN',
        '',
        'true',
        'false',
        'null',
        '1.5',
        ' 1',
        '0x10',
      ),
    );
    return p
      ? fc.oneof({ weight: 3, arbitrary: conforming(p.schema, 1).map((v) => (v === null ? '' : String(v))) }, garbage)
      : garbage;
  };
  const pair = key.chain((k) =>
    fc
      .tuple(fc.constant(k), valueFor(k), fc.boolean())
      .map(([k, v, raw]) => (raw ? `${k}=${v}` : `${encode(k)}=${encode(v)}`)),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 6, arbitrary: fc.array(pair, { minLength: 1, maxLength: 5 }).map((xs) => `?${xs.join('&')}`) },
    { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?=', '?a', '?%', '?asOf=%E0%A4%A', '?page=1&page=2&page=3') },
  );
}

const rosterHeader =
  '姓名,公民身份号码,性别,出生日期,学历,所在机构,编制类别,职务,领导职务层级,领导职数类别,入编时间,内设机构';
const csvCell = fc.oneof(
  chineseString(0, 6),
  dateArb,
  fc.constantFrom('男', '女', '区财政局', '行政编制', '=1+1', '"', ''),
  nastyString,
);
const csvArb = fc
  .tuple(
    fc.constantFrom(rosterHeader, '名称,类型', '', 'a,b,c', '\ufeff' + rosterHeader),
    fc.array(fc.array(csvCell, { maxLength: 12 }), { maxLength: 4 }),
  )
  .map(([header, rows]) => [header, ...rows.map((r) => r.join(','))].join('\n'));

const multipartPartArb: fc.Arbitrary<MultipartPart> = fc.record({
  field: fc.constantFrom('file', 'upload', '', 'dryRun'),
  filename: fc.option(
    fc.oneof(
      fc.constantFrom('人员.csv', 'a.xlsx', '../../x.csv', '', 'x'.repeat(400) + '.csv', 'con.xlsx', 'a\\b.csv'),
      nastyString,
    ),
    { nil: undefined },
  ),
  contentType: fc.constantFrom(
    'text/csv',
    'application/octet-stream',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/plain',
  ),
  content: fc.oneof(
    csvArb,
    nastyString,
    fc.array(fc.nat({ max: 255 }), { maxLength: 200 }).map((bytes) => ({ bytes })),
    // the first bytes of a zip (xlsx) followed by junk
    fc.array(fc.nat({ max: 255 }), { maxLength: 200 }).map((bytes) => ({ bytes: [0x50, 0x4b, 0x03, 0x04, ...bytes] })),
  ),
});

function bodyArb(r: RouteSpec): fc.Arbitrary<Body> {
  let valid = r.body ? fromSchema(r.body) : fc.jsonValue({ maxDepth: 2 });
  if (r.path === '/api/auth/login' || r.path === '/api/auth/token') {
    // a wrong password on a real user is counted (and locks it): by design, so never try the real names
    valid = valid.map((b) =>
      b && typeof b === 'object' && 'username' in b && protectedUsers.has(String(b.username).trim().toLowerCase())
        ? { ...b, username: `not-${String(b.username)}` }
        : b,
    );
  }
  if (r.path === '/api/auth/password') {
    // a wrong current password is counted (and locks the account): by design, so a string `current` is always the
    // right one; sometimes with a new password the rule accepts, so that a change really happens (and is undone after)
    valid = fc
      .oneof(
        valid,
        fc.record({ current: fc.constant(testPassword), next: fc.oneof(fc.string(), chineseString(0, 15)) }),
        fc.record({ current: fc.constant(testPassword), next: fc.constant('Fuzz-Password-2026') }),
      )
      .map((b) =>
        b && typeof b === 'object' && 'current' in b && typeof b.current === 'string'
          ? { ...b, current: testPassword }
          : b,
      );
  }
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<Body>({ as: 'none' }) },
    { weight: r.body ? 10 : 2, arbitrary: valid.map((value): Body => ({ as: 'json', value })) },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }).map((value): Body => ({ as: 'json', value })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'application/json; charset=latin1',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            'multipart/form-data',
            'multipart/form-data; boundary=',
            'application/jsonx',
            'application/vnd.api+json',
            '*/*',
            '',
            undefined,
          ),
          fc.oneof(
            fc.json({ maxDepth: 2 }),
            nastyString,
            fc.constantFrom(
              '{',
              '{"a":',
              '[]',
              'null',
              '""',
              '0',
              'true',
              '{"__proto__":{"polluted":1}}',
              '{"constructor":{"prototype":{"polluted":1}}}',
              '['.repeat(5000),
              'username=x&password=y',
              '\ufeff{}',
            ),
          ),
        )
        .map(([contentType, text]): Body => ({ as: 'raw', contentType, text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x')
        .map((contentType): Body => ({ as: 'huge', contentType, bytes: 1024 * 1024 + 10 })),
    },
    {
      weight: r.path.startsWith('/api/imports') ? 8 : 1,
      arbitrary: fc
        .record({
          declaredBoundary: fc.option(fc.constantFrom('fuzzboundary', 'other', ''), { nil: undefined }),
          parts: fc.array(multipartPartArb, { maxLength: 3 }),
          truncate: fc.boolean(),
        })
        .map((m): Body => ({ as: 'multipart', ...m })),
    },
  );
}

const ifMatchArb: fc.Arbitrary<IfMatch> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<IfMatch>({ as: 'none' }) },
  {
    weight: 4,
    arbitrary: fc
      .record({ weak: fc.boolean(), versionDelta: fc.constantFrom(0, 0, 0, -1, 1, 1e9) })
      .map((c): IfMatch => ({ as: 'current', ...c })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
        fc.uuid().map((u) => `"${u}.1"`),
        realId.map((id) => `"${id}.9999999999"`),
        realId.map((id) => `"${id}.-1"`),
        fc.constantFrom('*', '""', '"a.b.c"', 'W/', '"."', '"x.1", "y.2"', ' '),
      )
      .map((value): IfMatch => ({ as: 'value', value })),
  },
);

const callerArb: fc.Arbitrary<CallerKind> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<CallerKind>({ kind: 'role', role: 'admin' }) },
  { weight: 4, arbitrary: fc.constantFrom(...roles).map((role): CallerKind => ({ kind: 'role', role })) },
  { weight: 1, arbitrary: fc.constant<CallerKind>({ kind: 'anonymous' }) },
  { weight: 1, arbitrary: fc.constant<CallerKind>({ kind: 'bearer' }) },
  { weight: 1, arbitrary: fc.constantFrom(...roles).map((role): CallerKind => ({ kind: 'noCsrf', role })) },
  { weight: 1, arbitrary: fc.constantFrom(...roles).map((role): CallerKind => ({ kind: 'wrongCsrf', role })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 50 }), fc.constant('t'.repeat(300)))
      .map((token): CallerKind => ({ kind: 'badBearer', token })),
  },
);

const extraHeadersArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Record<string, string>>({}) },
  fc.constantFrom<Record<string, string>>(
    { accept: 'text/html' },
    { accept: 'application/xml' },
    { 'accept-encoding': 'gzip, br' },
    { 'if-none-match': '*' },
    { 'if-none-match': '"x"' },
    { 'x-forwarded-for': '1.2.3.4' },
    { range: 'bytes=0-1' },
    { 'transfer-encoding': 'chunked' },
    { 'content-encoding': 'gzip' },
    { 'x-http-method-override': 'DELETE' },
  ),
);

function requestArb(r: RouteSpec): fc.Arbitrary<FuzzRequest> {
  const segments = r.path.split('/').map((seg) => {
    const p = /^\{(\w+)\}$/.exec(seg);
    if (p) {
      const param = r.pathParams.find((x) => x.name === p[1]) ?? { name: p[1]!, schema: {} };
      return paramArb(param, r.path);
    }
    if (seg === '*') return wildcardArb;
    return fc.constant(seg);
  });
  const otherMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  const method = fc.oneof(
    { weight: 10, arbitrary: fc.constant(r.method) },
    { weight: r.method === 'GET' ? 2 : 0, arbitrary: fc.constant('HEAD') },
    { weight: 1, arbitrary: fc.constantFrom(...otherMethods) },
  );
  return fc.record({
    method,
    path: fc.tuple(...segments).map((xs) => xs.join('/')),
    query: queryArb(r),
    body:
      r.method === 'GET'
        ? fc.oneof({ weight: 6, arbitrary: fc.constant<Body>({ as: 'none' }) }, bodyArb(r))
        : bodyArb(r),
    ifMatch: r.method === 'GET' ? fc.constant<IfMatch>({ as: 'none' }) : ifMatchArb,
    caller: callerArb,
    headers: extraHeadersArb,
  });
}

// ---------- sending ----------

function multipartPayload(m: Extract<Body, { as: 'multipart' }>): { contentType: string; payload: Buffer } {
  const boundary = 'fuzzboundary';
  const chunks: Buffer[] = [];
  for (const p of m.parts) {
    const disposition = `form-data; name="${p.field}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${p.contentType}\r\n\r\n`),
    );
    chunks.push(typeof p.content === 'string' ? Buffer.from(p.content) : Buffer.from(p.content.bytes));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let payload = Buffer.concat(chunks);
  if (m.truncate) payload = payload.subarray(0, Math.floor(payload.length / 2));
  const contentType =
    m.declaredBoundary === undefined ? 'multipart/form-data' : `multipart/form-data; boundary=${m.declaredBoundary}`;
  return { contentType, payload };
}

/** The If-Match a client that has just read the resource would send (or a stale/forged one). */
async function currentEtag(req: FuzzRequest): Promise<string | undefined> {
  const seg = req.path.split('/');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (seg[2] === 'adjustments' && seg[3] && uuid.test(seg[3])) {
    const r = await f.pool.query<{ id: string; version: number }>(
      'SELECT id::text, version FROM adjustments WHERE id = $1',
      [seg[3]],
    );
    return r.rows[0] && `${r.rows[0].id}.${r.rows[0].version}`;
  }
  const username = decodeURIComponentSafe(seg[3] ?? '');
  if (seg[2] === 'users' && /^[\w.-]{1,40}$/.test(username)) {
    const r = await f.pool.query<{ id: string; version: number }>(
      'SELECT id::text, version FROM users WHERE username = $1',
      [username],
    );
    return r.rows[0] && `${r.rows[0].id}.${r.rows[0].version}`;
  }
  if (seg[2] === 'institutions' && seg[4] === 'quotas') {
    const r = await f.app.inject({
      method: 'GET',
      url: req.path,
      headers: { cookie: sessions.get('admin')!.cookie },
    });
    const etag = r.headers.etag;
    return typeof etag === 'string' ? etag.replace(/^"|"$/g, '') : undefined;
  }
  return undefined;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function decodeURIComponentSafe(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

async function ifMatchHeader(req: FuzzRequest): Promise<string | undefined> {
  if (req.ifMatch.as === 'none') return undefined;
  if (req.ifMatch.as === 'value') return req.ifMatch.value;
  const tag = await currentEtag(req);
  if (!tag) return '"unknown.1"';
  const m = /^(.*)\.(\d+)$/.exec(tag);
  const adjusted = m && req.ifMatch.versionDelta ? `${m[1]}.${Number(m[2]) + req.ifMatch.versionDelta}` : tag;
  return `${req.ifMatch.weak ? 'W/' : ''}"${adjusted}"`;
}

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

async function materialize(req: FuzzRequest): Promise<Sent> {
  const headers: Record<string, string> = { ...req.headers };
  const c = req.caller;
  if (c.kind === 'role' || c.kind === 'noCsrf' || c.kind === 'wrongCsrf') {
    const s = sessions.get(c.role)!;
    headers.cookie = s.cookie;
    if (c.kind === 'role') headers['x-csrf-token'] = s.csrfToken;
    if (c.kind === 'wrongCsrf') headers['x-csrf-token'] = `${s.csrfToken}x`;
  } else if (c.kind === 'bearer') headers.authorization = `Bearer ${bearerToken}`;
  else if (c.kind === 'badBearer') headers.authorization = `Bearer ${c.token}`;
  const ifMatch = await ifMatchHeader(req);
  if (ifMatch !== undefined) headers['if-match'] = ifMatch;
  let payload: string | Buffer | undefined;
  const b = req.body;
  if (b.as === 'json') {
    payload = JSON.stringify(b.value) ?? '';
    headers['content-type'] = 'application/json';
  } else if (b.as === 'raw') {
    payload = b.text;
    if (b.contentType !== undefined) headers['content-type'] = b.contentType;
  } else if (b.as === 'huge') {
    payload = Buffer.alloc(b.bytes, 0x61);
    headers['content-type'] = b.contentType;
  } else if (b.as === 'multipart') {
    const m = multipartPayload(b);
    payload = m.payload;
    headers['content-type'] = m.contentType;
  }
  return { method: req.method, url: req.path + req.query, headers, payload };
}

const describeSent = (s: Sent) =>
  JSON.stringify({
    ...s,
    headers: {
      ...s.headers,
      cookie: s.headers.cookie && '<session>',
      'x-csrf-token': s.headers['x-csrf-token'] && '<csrf>',
    },
    payload: typeof s.payload === 'string' ? s.payload.slice(0, 500) : s.payload && `<${s.payload.length} bytes>`,
  });

/** What a refusal must never show (unless the request itself contained it: messages may quote the input). */
/** Framework or parser wording that was never translated, and zod's stilted zh-CN ("期望 int,实际接收 string"). */
const untranslated =
  /期望|实际接收|无效输入|无效UUID|\b(?:Bad Request|Client Error|Expected|Received|Invalid|Required|Unexpected|undefined entity|must be|should be|Too Many Requests|Not Found)\b/;

const leaks: [string, RegExp][] = [
  ['stack frame', /\bat [\w.<>]+ \(|\n\s+at /],
  ['SQL', /\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|relation "|violates .* constraint|syntax error at/],
  ['node_modules', /node_modules/],
  ['file path', /\/work\/|\/src\/|\/home\/|[\w-]+\.(?:ts|js):\d+/],
];

function diffFingerprints(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  return a
    .map((line, i) => (line === b[i] ? undefined : `${line} → ${b[i]}`))
    .filter(Boolean)
    .join('; ');
}

/**
 * After a request that ended the caller's session (logout) or changed its password, get a usable session back. Only
 * the caller's own session can end this way: the fuzzer never names the role users in user-management paths.
 */
async function restoreSessions(req: FuzzRequest, sent: Sent, status: number) {
  const c = req.caller;
  const role =
    c.kind === 'bearer'
      ? 'admin'
      : c.kind === 'role' || c.kind === 'noCsrf' || c.kind === 'wrongCsrf'
        ? c.role
        : undefined;
  if (!role || (status !== 401 && (status >= 400 || !sent.url.startsWith('/api/auth/')))) return;
  lastSeen = undefined; // what follows may sign in again
  if (sent.url.startsWith('/api/auth/password') && status < 400) {
    const body = (req.body.as === 'json' ? req.body.value : undefined) as { next?: string } | undefined;
    if (body?.next) await changePassword(f.ctx, role, body.next, testPassword);
    // a change ends the user's other sessions (and this one, changed back without a session): sign in afresh
    sessions.set(role, await signIn(f.app, role));
    if (role === 'admin') bearerToken = await tokenFor();
    return;
  }
  if (c.kind === 'bearer') {
    const me = await f.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${bearerToken}` },
    });
    if (me.statusCode === 401) bearerToken = await tokenFor();
  } else {
    const me = await f.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: sessions.get(role)!.cookie },
    });
    if (me.statusCode === 401) sessions.set(role, await signIn(f.app, role));
  }
}

const statusCounts = new Map<string, Map<number, number>>();

const timing = { fingerprintMs: 0, requestMs: 0, requests: 0 };
/**
 * The fingerprint taken after the last refused request, when nothing has written since (no success, no re-sign-in):
 * then it is also the next request's "before", which halves the fingerprinting.
 */
let lastSeen: string | undefined;
/**
 * `databaseFingerprint` (row count and content hash of every table) in one statement instead of one per table: the
 * same text, several times faster, which is what lets every route get its runs within the time budget.
 */
const fingerprintSql = `SELECT concat_ws(E'\\n', ${dumpTables
  .map(
    (t) =>
      `(SELECT '${t}:' || count(*)::int || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${t} x)`,
  )
  .join(', ')}) AS fp`;
async function fingerprint() {
  const t = performance.now();
  const fp = (await f.pool.query<{ fp: string }>(fingerprintSql)).rows[0]!.fp;
  timing.fingerprintMs += performance.now() - t;
  return fp;
}

async function check(r: RouteSpec, req: FuzzRequest) {
  const sent = await materialize(req);
  const before = lastSeen ?? (await fingerprint());
  lastSeen = undefined;
  const t = performance.now();
  const res = await f.app.inject(sent);
  timing.requestMs += performance.now() - t;
  timing.requests++;
  const counts = statusCounts.get(routeName(r)) ?? new Map<number, number>();
  counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
  statusCounts.set(routeName(r), counts);
  const where = `${describeSent(sent)}\n→ ${res.statusCode} ${res.body.slice(0, 500)}`;

  expect(res.statusCode, `5xx for ${where}`).toBeLessThan(500);
  // an import that finds problems answers 200 with ok: false, and must write nothing either
  const refused = res.statusCode >= 400 || (jsonOf(res.body) as { ok?: unknown } | undefined)?.ok === false;
  if (refused) {
    const after = await fingerprint();
    lastSeen = after;
    expect(
      after === before,
      `refused (${res.statusCode}${res.statusCode < 400 ? ', ok: false' : ''}) but the database changed: ${diffFingerprints(before, after)}\n${where}`,
    ).toBe(true);
    if (res.statusCode >= 400 && sent.method !== 'HEAD') {
      expect(String(res.headers['content-type']), `refusal not JSON: ${where}`).toMatch(/^application\/json/);
      const body = res.json() as { message?: unknown };
      expect(
        typeof body.message === 'string' && cjk.test(body.message),
        `refusal without a Chinese message: ${where}`,
      ).toBe(true);
      const request = `${decodeURIComponentSafe(sent.url)} ${sent.url} ${typeof sent.payload === 'string' ? sent.payload : (sent.payload?.toString('latin1') ?? '')}`;
      const english = untranslated.exec(body.message as string);
      if (english && !request.includes(english[0]))
        expect.fail(`refusal not (fully) in Chinese (${english[0]}): ${body.message as string}\n${where}`);
      for (const [what, re] of leaks) {
        const leaked = re.exec(res.body);
        if (leaked && !request.includes(leaked[0].trim()))
          expect.fail(`refusal shows ${what} (${leaked[0]}): ${where}`);
      }
    }
  }
  await restoreSessions(req, sent, res.statusCode);
}

// ---------- the tests ----------

describe('fuzzing every route', () => {
  it('Given the database When fingerprinting it in one statement Then the result is databaseFingerprint exactly', async () => {
    expect(await fingerprint()).toBe(await databaseFingerprint(f.pool));
  });

  it('Given the server When listing its routes Then every API route is found (so the fuzzing below covers them)', () => {
    const names = routes.map(routeName);
    expect(routes.length).toBeGreaterThanOrEqual(30);
    for (const known of [
      'GET /api/statistics',
      'POST /api/adjustments/{id}/apply',
      'POST /api/imports/{kind}',
      'PUT /api/institutions/{id}/quotas/{category}',
      'PATCH /api/users/{username}',
      'POST /api/auth/login',
      'GET /api/docs/json',
    ]) {
      expect(names).toContain(known);
    }
    // every route the router knows under /api (HEAD aside) is fuzzed
    for (const [path, methods] of routeTable()) {
      if (!path.startsWith('/api')) continue;
      for (const m of methods) if (m !== 'HEAD') expect(names).toContain(`${m} ${path}`);
    }
  });

  for (const r of routes) {
    it(`${routeName(r)}: never 5xx; a refusal changes nothing and answers in Chinese JSON without internals`, async () => {
      await reloadIds();
      lastSeen = undefined;
      await fc.assert(
        fc.asyncProperty(requestArb(r), async (req) => check(r, req)),
        { numRuns: RUNS, seed: seedOf(r), endOnFailure: false },
      );
    }, 120_000);
  }

  it('Given the fuzzing When it is over Then the signed-in users still work and every route was answered', async () => {
    for (const role of roles) {
      const me = await f.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: sessions.get(role)!.cookie },
      });
      expect(me.statusCode, me.body).toBe(200);
    }
    const summary = [...statusCounts]
      .map(
        ([route, counts]) =>
          `${route.padEnd(48)} ${[...counts]
            .sort(([a], [b]) => a - b)
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')}`,
      )
      .join('\n');
    console.log(
      `fuzz status codes per route (seed ${SEED}, ${RUNS} runs each; ${timing.requests} requests, ` +
        `${Math.round(timing.requestMs)} ms answering, ${Math.round(timing.fingerprintMs)} ms fingerprinting):\n${summary}`,
    );
    expect(statusCounts.size).toBe(routes.length);
  });
});
