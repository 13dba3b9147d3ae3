/**
 * The OpenAPI document served at GET /docs-json: valid OpenAPI, and every command route describes
 * what the API really does with it (If-Match, Idempotency-Key, and its error answers).
 */
import { spawnSync } from 'node:child_process';
import type { OpenAPIV3 } from 'openapi-types';
import { http, startApiApp } from './support/api-fixtures';
import type { TestApp } from './support/test-app';

/**
 * `SwaggerParser.validate(structuredClone(doc))`, run by plain Node: swagger-parser pulls in an
 * ES-module-only dependency that jest's CommonJS loader cannot require (Node's own can).
 */
function validateWithSwaggerParser(doc: unknown): { valid: boolean; message?: string } {
  const script = `
    const SwaggerParser = require('@apidevtools/swagger-parser');
    let input = '';
    process.stdin.on('data', (chunk) => (input += chunk));
    process.stdin.on('end', () => {
      SwaggerParser.validate(structuredClone(JSON.parse(input))).then(
        () => process.stdout.write(JSON.stringify({ valid: true })),
        (error) => process.stdout.write(JSON.stringify({ valid: false, message: error.message })),
      );
    });`;
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd: `${__dirname}/..`,
    input: JSON.stringify(doc),
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (run.status !== 0) throw new Error(`swagger-parser did not run: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const COMMAND_ERRORS = ['400', '401', '404', '412', '422'];

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenAPIV3.Document;

  beforeAll(async () => {
    t = await startApiApp();
    doc = (await http(t).get('/docs-json').expect(200)).body;
  });
  afterAll(async () => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item?.[m]).map((method) => ({
        path,
        method,
        op: item?.[method] as OpenAPIV3.OperationObject,
      })),
    );
  const posts = () => operations().filter((o) => o.method === 'post' && o.path.startsWith('/trusts'));

  const parameterNames = (op: OpenAPIV3.OperationObject, where: string) =>
    (op.parameters ?? [])
      .map((p) => ('$ref' in p ? undefined : p))
      .filter((p): p is OpenAPIV3.ParameterObject => p !== undefined && p.in === where)
      .map((p) => p.name.toLowerCase());

  describe('GET /docs-json', () => {
    it('is public and served as JSON', async () => {
      const res = await http(t).get('/docs-json').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.openapi).toMatch(/^3\./);
    });

    it('validates as an OpenAPI document (swagger-parser)', () => {
      expect(validateWithSwaggerParser(doc)).toEqual({ valid: true });
    });
  });

  describe('paths', () => {
    it('declares every path parameter its template names', () => {
      const undeclared = operations().flatMap(({ path, method, op }) => {
        const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1].toLowerCase());
        const declared = parameterNames(op, 'path');
        return named.filter((n) => !declared.includes(n)).map((n) => `${method.toUpperCase()} ${path}: ${n}`);
      });
      expect(undeclared).toEqual([]);
    });

    it('gives every operation a tag', () => {
      const untagged = operations()
        .filter(({ op }) => !op.tags || op.tags.length === 0)
        .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
      expect(operations().length).toBeGreaterThan(30);
      expect(untagged).toEqual([]);
    });
  });

  describe('command routes (every POST under /trusts)', () => {
    it('are all there', () => {
      expect(posts().length).toBeGreaterThanOrEqual(30);
      expect(posts().map((p) => p.path)).toEqual(
        expect.arrayContaining([
          '/trusts',
          '/trusts/{trustId}/inauguration',
          '/trusts/{trustId}/meetings',
          '/trusts/{trustId}/key-issues/{keyIssue}/agreement',
        ]),
      );
    });

    it('document the If-Match and Idempotency-Key headers', () => {
      const missing = posts().flatMap(({ path, op }) =>
        ['if-match', 'idempotency-key']
          .filter((h) => !parameterNames(op, 'header').includes(h))
          .map((h) => `${path}: ${h}`),
      );
      expect(missing).toEqual([]);
    });

    it('document the 400, 401, 404, 412 and 422 answers with the error shape', () => {
      const errorShape = doc.components?.schemas?.ErrorDto as OpenAPIV3.SchemaObject;
      expect(Object.keys(errorShape.properties ?? {}).sort()).toEqual([
        'code',
        'details',
        'message',
        'statusCode',
      ]);
      const missing = posts().flatMap(({ path, op }) =>
        COMMAND_ERRORS.filter((status) => {
          const response = op.responses[status] as OpenAPIV3.ResponseObject | undefined;
          const schema = response?.content?.['application/json']?.schema as OpenAPIV3.ReferenceObject;
          return schema?.$ref !== '#/components/schemas/ErrorDto';
        }).map((status) => `${path}: ${status}`),
      );
      expect(missing).toEqual([]);
    });

    it('document a success answer that carries the ETag', () => {
      const missing = posts()
        .filter(({ path, op }) => {
          const ok = op.responses[path === '/trusts' ? '201' : '200'] as OpenAPIV3.ResponseObject | undefined;
          return !ok?.headers?.ETag;
        })
        .map(({ path }) => path);
      expect(missing).toEqual([]);
    });

    it('document a JSON request body', () => {
      const missing = posts()
        .filter(({ op }) => {
          const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
          return !body?.content?.['application/json']?.schema;
        })
        .map(({ path }) => path);
      expect(missing).toEqual([]);
    });
  });
});
