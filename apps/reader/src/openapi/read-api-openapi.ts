import { READ_API_ERROR_CODES, READ_API_ROUTES, type ReadApiParameter, type ReadApiRoute } from '@xacct/config';

/** An OpenAPI 3.1 document, as plain JSON. */
export type OpenApiDocument = Record<string, unknown>;

const ERROR_SCHEMA = '#/components/schemas/Error';
const PAGE_SCHEMA = '#/components/schemas/Page';
const ITEM_SCHEMA = '#/components/schemas/Item';

function parameterSchema(parameter: ReadApiParameter): Record<string, unknown> {
  if (parameter.style === 'commaList') return { type: 'array', items: { type: 'string', minLength: 1 } };
  // A boolean's `enum` lists its spellings in the URL (`true`, `false`); the schema type says as much.
  const base: Record<string, unknown> =
    parameter.type === 'boolean' || parameter.enum === undefined
      ? { type: parameter.type }
      : { type: parameter.type, enum: [...parameter.enum] };
  return {
    ...base,
    ...(parameter.minimum === undefined ? {} : { minimum: parameter.minimum }),
    ...(parameter.maximum === undefined ? {} : { maximum: parameter.maximum }),
    ...(parameter.default === undefined ? {} : { default: parameter.default }),
  };
}

function queryParameter(route: ReadApiRoute, parameter: ReadApiParameter): Record<string, unknown> {
  const of = route.id === 'queryIndex' ? 'the index' : 'the table';
  return {
    name: parameter.name,
    in: 'query',
    required: parameter.required,
    description: parameter.sortKeyOnly
      ? `${parameter.description} Only when ${of} has a sort key (otherwise 400 InvalidRequest).`
      : parameter.description,
    schema: parameterSchema(parameter),
    ...(parameter.style === 'commaList' ? { style: 'form', explode: false } : {}),
  };
}

/** Every HTTP status the API answers with an error, with the codes it may carry. */
function errorStatuses(): Map<number, string[]> {
  const statuses = new Map<number, string[]>();
  for (const entry of READ_API_ERROR_CODES) {
    for (const status of entry.statuses) statuses.set(status, [...(statuses.get(status) ?? []), entry.code]);
  }
  return new Map([...statuses].sort(([a], [b]) => a - b));
}

function errorResponses(): Record<string, unknown> {
  const retryAfter = {
    'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } },
  };
  return Object.fromEntries(
    [...errorStatuses()].map(([status, codes]) => [
      `Error${status}`,
      {
        description: READ_API_ERROR_CODES.filter((entry) => codes.includes(entry.code))
          .map(
            (entry) =>
              `\`${entry.code}\` (${entry.source === 'apiGateway' ? 'API Gateway' : 'reader'}): ${entry.description}`,
          )
          .join(' '),
        ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
        content: {
          'application/json': {
            schema: {
              allOf: [{ $ref: ERROR_SCHEMA }, { properties: { error: { properties: { code: { enum: codes } } } } }],
            },
          },
        },
      },
    ]),
  );
}

function operation(route: ReadApiRoute): Record<string, unknown> {
  const page = { $ref: PAGE_SCHEMA };
  const ok =
    route.response === 'page'
      ? { description: 'One page.', content: { 'application/json': { schema: page } } }
      : {
          description: 'The item (GetItem: no sort key, or `sk` given), or one page of the partition (Query).',
          content: { 'application/json': { schema: { anyOf: [{ $ref: ITEM_SCHEMA }, page] } } },
        };
  return {
    operationId: route.id,
    summary: route.description,
    description: `${route.description} DynamoDB: ${route.operations.join(' or ')}.`,
    parameters: [
      ...route.pathParameters.map((parameter) => ({
        name: parameter.name,
        in: 'path',
        required: true,
        description: parameter.description,
        schema: { type: 'string', minLength: 1 },
      })),
      ...route.queryParameters.map((parameter) => queryParameter(route, parameter)),
    ],
    responses: {
      '200': ok,
      ...Object.fromEntries(
        [...errorStatuses().keys()].map((status) => [
          String(status),
          { $ref: `#/components/responses/Error${status}` },
        ]),
      ),
    },
  };
}

/**
 * The read API as an OpenAPI 3.1 document, generated from READ_API_ROUTES and READ_API_ERROR_CODES (the same data
 * the router and source-infra's API Gateway use). `nx build reader` writes it to dist/apps/reader/openapi.json.
 * Standard OpenAPI only: no API Gateway integration extensions; SigV4 is described as an `Authorization` header
 * scheme with the conventional `x-amazon-apigateway-authtype: awsSigv4` marker that SigV4-aware tools read.
 */
export function readApiOpenApi(): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of READ_API_ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cross-account DynamoDB reader',
      version: '2.0.0',
      description:
        'A read-only data API over one DynamoDB table in another AWS account. Every request is signed with ' +
        'AWS Signature Version 4 (service `execute-api`) by a principal allowed to `execute-api:Invoke` the API. ' +
        'Items are plain JSON by default (`format=dynamodb` for DynamoDB JSON). Pages carry an opaque `nextToken` ' +
        'bound to the route, index, segment and partition that issued it.',
    },
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: 'The `ApiUrl` output of the source stack (xacct-<stage>-source).',
        variables: {
          apiId: { default: 'abcdef1234', description: 'The REST API id.' },
          region: { default: 'us-east-1', description: "The source account's region." },
          stage: { default: 'v1', description: 'The API Gateway stage.' },
        },
      },
    ],
    security: [{ sigv4: [] }],
    paths,
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description:
            'AWS_IAM: an AWS Signature Version 4 `Authorization` header (with `X-Amz-Date` and, for temporary ' +
            "credentials, `X-Amz-Security-Token`) for service `execute-api` in the API's region. Use an AWS SDK " +
            'signer or `@xacct/reader-client`; curl signs with `--aws-sigv4 "aws:amz:<region>:execute-api"`.',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
      schemas: {
        Item: {
          type: 'object',
          description:
            'One item. `format=json`: attribute values as plain JSON (numbers beyond double precision as strings, ' +
            'binary as base64, sets as arrays); `format=dynamodb`: DynamoDB JSON (`{"S": "..."}`).',
          additionalProperties: true,
        },
        Page: {
          type: 'object',
          required: ['items', 'nextToken'],
          properties: {
            items: { type: 'array', items: { $ref: ITEM_SCHEMA } },
            nextToken: {
              type: ['string', 'null'],
              description: 'Pass as `nextToken` for the next page; `null` at the end.',
            },
          },
          additionalProperties: false,
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'requestId'],
              properties: {
                code: { type: 'string', enum: READ_API_ERROR_CODES.map((entry) => entry.code) },
                message: { type: 'string', description: 'What is wrong and how to fix it; never a stack trace.' },
                requestId: { type: 'string', description: 'Quote it when asking for help.' },
              },
            },
          },
        },
      },
      responses: errorResponses(),
    },
  };
}
