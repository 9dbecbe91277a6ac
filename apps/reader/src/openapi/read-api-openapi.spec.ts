import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { READ_API_ERROR_CODES, READ_API_ROUTES } from '@xacct/config';
import { describe, expect, it } from 'vitest';
import { readApiOpenApi } from './read-api-openapi';

interface Operation {
  operationId: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>;
  responses: Record<string, { $ref?: string }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  security: unknown;
  components: {
    securitySchemes: Record<string, Record<string, unknown>>;
    responses: Record<string, { content: { 'application/json': { schema: { allOf: unknown[] } } } }>;
  };
}

const doc = readApiOpenApi() as unknown as Doc;
const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));

async function validate(document: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  const validator = new Validator();
  return validator.validate(structuredClone(document) as Record<string, unknown>);
}

describe('readApiOpenApi', () => {
  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator) whose $refs all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(JSON.stringify(validator.resolveRefs())).not.toContain('$ref');
  });

  it('is what `nx build reader` wrote to dist/apps/reader/openapi.json', () => {
    const built = readFileSync(resolve(import.meta.dirname, '../../../../dist/apps/reader/openapi.json'), 'utf8');
    expect(JSON.parse(built)).toEqual(doc);
  });

  it('the validator is no rubber stamp: it rejects a document without info or with a bad parameter location', async () => {
    const { info: _info, ...noInfo } = doc as unknown as Record<string, unknown>;
    expect((await validate(noInfo)).valid).toBe(false);
    const badIn = structuredClone(doc);
    const first = Object.values(badIn.paths)[0] as Record<string, Operation>;
    (first['get'] as Operation).parameters[0] = { name: 'limit', in: 'body', required: false, schema: {} };
    expect((await validate(badIn)).valid).toBe(false);
  });

  it('has one operation per route, named by its id, with exactly its path and query parameters', () => {
    expect(Object.keys(doc.paths)).toEqual(READ_API_ROUTES.map((route) => route.path));
    for (const route of READ_API_ROUTES) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op?.operationId).toBe(route.id);
      expect(op?.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
        ...route.pathParameters.map((p) => `path:${p.name}:true`),
        ...route.queryParameters.map((p) => `query:${p.name}:${p.required}`),
      ]);
    }
  });

  it('types the parameters: limit is an integer 1..1000 (default 100), fields a comma list, format an enum', () => {
    const list = doc.paths['/items']?.['get'];
    const parameter = (name: string) => list?.parameters.find((p) => p.name === name);
    expect(parameter('limit')?.schema).toEqual({ type: 'integer', minimum: 1, maximum: 1000, default: 100 });
    expect(parameter('fields')).toMatchObject({ style: 'form', explode: false, schema: { type: 'array' } });
    expect(parameter('format')?.schema).toEqual({ type: 'string', enum: ['json', 'dynamodb'], default: 'json' });
    expect(parameter('consistent')?.schema).toEqual({ type: 'boolean', default: false });
    expect(parameter('totalSegments')?.schema).toMatchObject({ minimum: 1, maximum: 1_000_000 });
  });

  it('answers every error code of READ_API_ERROR_CODES on every operation, under each of its statuses', () => {
    for (const entry of READ_API_ERROR_CODES) {
      for (const status of entry.statuses) {
        const response = doc.components.responses[`Error${status}`];
        expect(JSON.stringify(response?.content['application/json'].schema), entry.code).toContain(`"${entry.code}"`);
        for (const op of operations) {
          expect(op.responses[String(status)], `${op.operationId} ${status}`).toEqual({
            $ref: `#/components/responses/Error${status}`,
          });
        }
      }
    }
    expect(Object.keys(operations[0]?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '403', '404', '405', '429', '500', '502', '503', '504']),
    );
  });

  it('requires SigV4 (AWS_IAM) on every operation, with no API Gateway integration extensions', () => {
    expect(doc.security).toEqual([{ sigv4: [] }]);
    expect(doc.components.securitySchemes['sigv4']).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    });
    expect(JSON.stringify(doc)).not.toMatch(/x-amazon-apigateway-(integration|request-validator|gateway-responses)/);
  });
});
