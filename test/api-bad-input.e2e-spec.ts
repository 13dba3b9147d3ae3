/**
 * A bad-input sweep over every POST route under /trusts that the OpenAPI document lists: malformed
 * bodies (wrong types, missing required fields, unknown fields, impossible dates, huge strings,
 * nested junk, bodies that are not JSON objects, other content types) and malformed path params and
 * headers. Whatever arrives, the answer is a 4xx with the one error shape, and nothing is written.
 */
import fc from 'fast-check';
import type { Response } from 'supertest';
import {
  AUTHORITY,
  CHESHIRE_EAST_TEMPLATE,
  bearer,
  expectErrorShape,
  headPosition,
  http,
  shadowTrust,
  startApiApp,
  tokensFor,
  type Body,
} from './support/api-fixtures';
import type { TestApp } from './support/test-app';

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  $ref?: string;
  additionalProperties?: unknown;
}

interface Route {
  /** OpenAPI template, e.g. /trusts/{trustId}/key-issues/{keyIssue}/proposal */
  template: string;
  params: string[];
  schema: Schema;
}

/** A field a mutation can aim at: its path in the body (one level of nesting) and its schema. */
interface Field {
  path: string[];
  schema: Schema;
  required: boolean;
}

/** Values the base bodies use where the schema alone would not give a valid request. */
const VALID_VALUES: Record<string, unknown> = {
  authority: AUTHORITY,
  templateId: CHESHIRE_EAST_TEMPLATE,
  anchors: { approval: '2008-10-27', 'vesting-day': '2009-04-01' },
  newAuthority: false,
  twoTierArea: false,
  districtCouncils: [],
  ageFrom: 0,
  ageTo: 19,
  ageExtendedTo: 25,
  occurredAt: '2009-02-02',
  vestingDay: null,
  dependsOn: [],
  eventType: 'FacilitatorAppointed',
};

const BAD_DATES = [
  '2009-02-30',
  '2009-02-29',
  '2010-02-29',
  '2009-04-31',
  '2009-13-01',
  '2009-00-10',
  '2009-04-00',
  '09-04-01',
  '2009-4-1',
  '2009/04/01',
  '01-04-2009',
  '2009-04-01T00:00:00Z',
  ' 2009-04-01',
  '2009-04-01 ',
  '20090401',
  '2009-W14-3',
  '',
];

const BODY_RUNS = 400;
const PARAM_RUNS = 150;
const RAW_RUNS = 120;
const HEADER_RUNS = 100;

describe('bad input on every POST route under /trusts', () => {
  let t: TestApp;
  let pm: string;
  let trustId: string;
  let routes: Route[];
  let components: Record<string, Schema>;

  beforeAll(async () => {
    t = await startApiApp();
    pm = tokensFor(t)['programme-manager'];
    trustId = await shadowTrust(t);
    const doc = (await http(t).get('/docs-json').expect(200)).body;
    components = doc.components.schemas;
    routes = Object.entries(doc.paths as Record<string, { post?: PostOperation }>)
      .filter(([path, ops]) => path.startsWith('/trusts') && ops.post)
      .map(([path, ops]) => ({
        template: path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        schema: resolve(ops.post?.requestBody?.content?.['application/json']?.schema ?? {}),
      }));
  });
  afterAll(async () => t.close());

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(components[schema.$ref.split('/').pop() as string]);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  };

  const validValue = (name: string, schema: Schema): unknown => {
    if (name in VALID_VALUES) return VALID_VALUES[name];
    const s = resolve(schema);
    if (s.properties) return baseBody(s);
    if (s.enum) return s.enum[0];
    if (s.format === 'date') return '2009-02-02';
    if (s.example !== undefined) return s.example;
    if (s.pattern) return `${name}-1`;
    if (s.type === 'number' || s.type === 'integer') return 1;
    if (s.type === 'boolean') return true;
    if (s.type === 'array') return [];
    return `Some ${name}`;
  };

  /** A body every validator accepts: the only defects in a sweep are the ones a mutation adds. */
  const baseBody = (schema: Schema): Body =>
    Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([name, s]) => [name, validValue(name, s)]),
    );

  const fieldsOf = (schema: Schema): Field[] =>
    Object.entries(schema.properties ?? {}).flatMap(([name, raw]) => {
      const s = resolve(raw);
      const top: Field = { path: [name], schema: s, required: (schema.required ?? []).includes(name) };
      const nested = Object.entries(s.properties ?? {}).map(([child, c]) => ({
        path: [name, child],
        schema: resolve(c),
        required: (s.required ?? []).includes(child),
      }));
      return [top, ...nested];
    });

  const VALID_PARAMS: Record<string, string> = {
    keyIssue: 'membership',
    memberId: 'm-dcs',
    documentId: 'constitution',
    milestoneId: 'ms-1',
    planId: 'plan-1',
  };

  const urlOf = (route: Route, params: Record<string, string> = {}) =>
    route.template.replace(/\{(\w+)\}/g, (_, name: string) =>
      name in params ? params[name] : name === 'trustId' ? trustId : VALID_PARAMS[name],
    );

  /** Sends, then checks the promise: a 4xx other than 429, the error shape, and no event written. */
  const expectRefusedWithoutWriting = async (send: () => Promise<Response>, what: unknown) => {
    const head = await headPosition(t);
    const res = await send();
    const summary = { what, status: res.status, body: res.body };
    if (res.status < 400 || res.status >= 500 || res.status === 429) {
      throw new Error(`expected a 4xx, got ${JSON.stringify(summary).slice(0, 2000)}`);
    }
    expectErrorShape(res);
    if (res.body.code === 'VALIDATION_FAILED') {
      expect(Object.keys(res.body.details.fields ?? {}).length).toBeGreaterThan(0);
    }
    const after = await headPosition(t);
    if (after !== head) throw new Error(`an event was written: ${JSON.stringify(summary).slice(0, 2000)}`);
  };

  describe('the sweep itself', () => {
    it('finds every command route in the OpenAPI document', () => {
      expect(routes.length).toBeGreaterThanOrEqual(30);
      for (const route of routes) expect(route.schema.properties).toBeDefined();
    });

    it('starts from bodies the validators accept (so each refusal below is the mutation)', async () => {
      for (const route of routes) {
        const res = await http(t)
          .post(urlOf(route, { trustId: 'no-such-trust' }))
          .set(bearer(pm))
          .send(baseBody(route.schema));
        const expected = route.template === '/trusts' ? 201 : 404;
        expect({ route: route.template, status: res.status, code: res.body.code }).toEqual({
          route: route.template,
          status: expected,
          code: expected === 404 ? 'NOT_FOUND' : undefined,
        });
      }
    });
  });

  describe('malformed JSON bodies', () => {
    it('are refused with a 4xx and the error shape, and write nothing', async () => {
      const route = fc.constantFrom(...routes);
      const mutation = route.chain((r) => fc.tuple(fc.constant(r), mutationFor(fieldsOf(r.schema))));
      await fc.assert(
        fc.asyncProperty(mutation, async ([r, m]) => {
          const body = m.apply(structuredClone(baseBody(r.schema)));
          await expectRefusedWithoutWriting(
            () =>
              http(t)
                .post(urlOf(r))
                .set(bearer(pm))
                .send(body as object),
            { route: r.template, mutation: m.label },
          );
        }),
        { numRuns: BODY_RUNS },
      );
    });

    it('are refused when the body is not a JSON object at all', async () => {
      const payload = fc.oneof(
        fc.constantFrom(
          'null',
          '[]',
          '42',
          '"text"',
          'true',
          '[{}]',
          '{',
          '{"occurredAt":',
          "{'a':1}",
          'NaN',
        ),
        fc
          .jsonValue({ maxDepth: 3 })
          .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
          .map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 40 }).map((s) => `{${s}`),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), payload, async (r, raw) => {
          await expectRefusedWithoutWriting(
            () => http(t).post(urlOf(r)).set(bearer(pm)).set('content-type', 'application/json').send(raw),
            { route: r.template, raw },
          );
        }),
        { numRuns: RAW_RUNS },
      );
    });

    it.each([[[]], [[[]]], [['FacilitatorAppointed']]])(
      'are refused when a nested object is sent as the array %j (completedBy of a milestone)',
      async (completedBy) => {
        const route = routes.find((r) => r.template === '/trusts/{trustId}/milestones') as Route;
        const body = {
          ...baseBody(route.schema),
          milestoneId: `nested-${JSON.stringify(completedBy).length}`,
          completedBy,
        };
        await expectRefusedWithoutWriting(() => http(t).post(urlOf(route)).set(bearer(pm)).send(body), {
          route: route.template,
          completedBy,
        });
      },
    );

    it('are refused when larger than the body limit (413)', async () => {
      const route = routes.find((r) => r.template === '/trusts/{trustId}/meetings') as Route;
      const body = { ...baseBody(route.schema), body: 'x'.repeat(t.config.bodyLimitBytes + 1) };
      await expectRefusedWithoutWriting(
        () => http(t).post(urlOf(route)).set(bearer(pm)).send(body),
        'over the body limit',
      );
    });
  });

  describe('bodies that are not JSON', () => {
    it('are refused whatever their content type says, and write nothing', async () => {
      const contentType = fc.constantFrom(
        'text/plain',
        'text/csv',
        'application/xml',
        'application/x-www-form-urlencoded',
        'application/octet-stream',
        'multipart/form-data; boundary=xyz',
        'application/json-patch+json',
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), contentType, fc.boolean(), async (r, type, valid) => {
          const payload = valid
            ? JSON.stringify(baseBody(r.schema))
            : `occurredAt=2009-02-02&${encodeURIComponent(type)}=1`;
          await expectRefusedWithoutWriting(
            () => http(t).post(urlOf(r)).set(bearer(pm)).set('content-type', type).send(payload),
            { route: r.template, type, payload },
          );
        }),
        { numRuns: RAW_RUNS },
      );
    });
  });

  describe('malformed path params', () => {
    it('are refused with a 4xx and write nothing', async () => {
      const withParams = () => routes.filter((r) => r.params.length > 0);
      // Up to 100 characters once encoded: longer ones are the next test's concern.
      const junk = fc
        .oneof(
          fc
            .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
            .filter((s) => !/^[A-Za-z0-9._:-]+$/.test(s)),
          fc.constantFrom(' ', 'a b', 'a/b', 'a?b', 'a#b', '%', '<script>', '\u0000', 'ü', '😀', '{trustId}'),
        )
        .filter((s) => encodeURIComponent(s).length <= 100);
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...withParams())
            .chain((r) => fc.tuple(fc.constant(r), fc.constantFrom(...r.params), junk)),
          async ([r, param, value]) => {
            const url = urlOf(r, { [param]: encodeURIComponent(value) });
            await expectRefusedWithoutWriting(
              () => http(t).post(url).set(bearer(pm)).send(baseBody(r.schema)),
              { url },
            );
          },
        ),
        { numRuns: PARAM_RUNS },
      );
    });

    it('are refused with the error shape when longer than an id may be', async () => {
      const route = routes.find((r) => r.template === '/trusts/{trustId}/approval') as Route;
      for (const long of ['a'.repeat(101), 'a'.repeat(500), encodeURIComponent(' '.repeat(40))]) {
        await expectRefusedWithoutWriting(
          () =>
            http(t)
              .post(urlOf(route, { trustId: long }))
              .set(bearer(pm))
              .send(baseBody(route.schema)),
          { trustIdLength: long.length },
        );
      }
    });

    it('are refused with the error shape when their percent-encoding is broken', async () => {
      const route = routes.find((r) => r.template === '/trusts/{trustId}/approval') as Route;
      for (const broken of ['%E0%A4%A', '%', '%zz', 'abc%']) {
        await expectRefusedWithoutWriting(
          () =>
            http(t)
              .post(urlOf(route, { trustId: broken }))
              .set(bearer(pm))
              .send(baseBody(route.schema)),
          { trustId: broken },
        );
      }
    });
  });

  describe('malformed command headers', () => {
    it('refuse an If-Match or Idempotency-Key that is not one, and write nothing', async () => {
      const ifMatch = fc
        .string({ maxLength: 40, unit: 'grapheme-ascii' })
        .filter((s) => !/^(?:W\/)?"?(-?\d{1,15})"?$/.test(s.trim()));
      const key = fc
        .string({ maxLength: 200, unit: 'grapheme-ascii' })
        .filter((s) => !/^[A-Za-z0-9._:-]{8,128}$/.test(s));
      const header = fc.oneof(
        ifMatch.map((value) => ({ 'If-Match': value })),
        key.map((value) => ({ 'Idempotency-Key': value })),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), header, async (r, headers) => {
          await expectRefusedWithoutWriting(
            () =>
              http(t)
                .post(urlOf(r))
                .set({ ...bearer(pm), ...headers })
                .send(baseBody(r.schema)),
            { route: r.template, headers },
          );
        }),
        { numRuns: HEADER_RUNS },
      );
    });
  });
});

interface PostOperation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface Mutation {
  label: unknown;
  apply(body: Body): unknown;
}

const setAt = (body: Body, path: string[], value: unknown): Body => {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...body, [head]: value };
  const inner = body[head];
  const object = inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Body) : {};
  return { ...body, [head]: setAt(object, rest, value) };
};

const deleteAt = (body: Body, path: string[]): Body => {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    const { [head]: _dropped, ...kept } = body;
    return kept;
  }
  return { ...body, [head]: deleteAt((body[head] ?? {}) as Body, rest) };
};

/**
 * A value of a type the field does not take (never null or undefined: those are "missing"), and one
 * JSON keeps: NaN and the infinities would reach the API as null, which a nullable field accepts.
 */
function wrongTypeFor(schema: Schema): fc.Arbitrary<unknown> {
  const notString = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.array(fc.integer(), { minLength: 1 }),
    fc.object(),
  );
  if (schema.properties) {
    return fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 3 }));
  }
  if (schema.enum)
    return fc.oneof(
      notString,
      fc.string().filter((s) => !schema.enum?.includes(s)),
    );
  switch (schema.type) {
    case 'number':
    case 'integer':
      return fc.oneof(
        fc.string(),
        fc.boolean(),
        fc.double({ min: 0.1, max: 0.9 }),
        fc.array(fc.integer()),
        fc.object(),
      );
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 1, 0), fc.array(fc.boolean()), fc.object());
    case 'array':
      return fc.oneof(
        fc.string(),
        fc.integer(),
        fc.object(),
        fc.array(fc.oneof(fc.integer(), fc.object(), fc.array(fc.string())), { minLength: 1 }),
      );
    case 'object':
      return fc.oneof(
        fc.string({ minLength: 1 }).map((s) => `not a number ${s}`),
        fc.boolean(),
        fc.array(fc.integer()),
      );
    default:
      return notString;
  }
}

/** Objects and arrays nested a few levels, or one path nested very deep. */
const nestedJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).filter((v) => typeof v === 'object' && v !== null),
  fc.tuple(fc.integer({ min: 5, max: 200 }), fc.constantFrom('object', 'array')).map(([depth, kind]) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i += 1) value = kind === 'object' ? { a: value } : [value];
    return value;
  }),
);

function mutationFor(fields: Field[]): fc.Arbitrary<Mutation> {
  const field = fc.constantFrom(...fields);
  const dates = fields.filter((f) => f.schema.format === 'date');
  const strings = fields.filter(
    (f) => f.schema.type === 'string' && !f.schema.enum && f.schema.format !== 'date',
  );
  const required = fields.filter((f) => f.required);
  const options: fc.Arbitrary<Mutation>[] = [
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
      .map(([name, value, nested]) => {
        const path =
          nested && fields.some((f) => f.path.length === 2)
            ? [fields.find((f) => f.path.length === 2)?.path[0] as string, `x_${name}`]
            : [`x_${name}`];
        return { label: { unknownField: path, value }, apply: (b: Body) => setAt(b, path, value) };
      }),
    field.chain((f) =>
      wrongTypeFor(f.schema).map((value) => ({
        label: { wrongType: f.path, value },
        apply: (b: Body) => setAt(b, f.path, value),
      })),
    ),
    field.chain((f) =>
      nestedJunk
        .filter(
          (v) => !(f.schema.type === 'array' && Array.isArray(v) && v.every((x) => typeof x === 'string')),
        )
        .filter((v) => !(f.schema.properties || f.schema.additionalProperties) || Array.isArray(v))
        .map((value) => ({
          label: { nestedJunk: f.path, value },
          apply: (b: Body) => setAt(b, f.path, value),
        })),
    ),
  ];
  if (required.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...required), fc.constantFrom('delete', 'null')).map(([f, how]) => ({
        label: { missing: f.path, how },
        apply: (b: Body) => (how === 'delete' ? deleteAt(b, f.path) : setAt(b, f.path, null)),
      })),
    );
  }
  if (dates.length > 0) {
    const badDate = fc.oneof(
      fc.constantFrom(...BAD_DATES),
      fc
        .tuple(
          fc.integer({ min: 1900, max: 2100 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 32, max: 99 }),
        )
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${d}`),
    );
    options.push(
      fc.tuple(fc.constantFrom(...dates), badDate).map(([f, value]) => ({
        label: { badDate: f.path, value },
        apply: (b: Body) => setAt(b, f.path, value),
      })),
    );
  }
  if (strings.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...strings), fc.integer({ min: 4001, max: 60_000 })).map(([f, size]) => ({
        label: { hugeString: f.path, size },
        apply: (b: Body) => setAt(b, f.path, 'x'.repeat(size)),
      })),
    );
  }
  return fc.oneof(...options);
}
