/**
 * The reader's HTTP API as data: the single source for the reader's router and parameter checks (apps/reader),
 * source-infra's API Gateway resources, methods and request validation, and the OpenAPI document. Plain data and
 * types only: it is bundled into the reader Lambda (no zod, no aws-cdk-lib).
 *
 * One entry per method and path, as API Gateway and OpenAPI see them. `GET /items/{key}` is one route that makes
 * either of two DynamoDB calls: GetItem when the table has no sort key or `sk` is given, else a paged Query of the
 * partition. Path parameters are always required strings (the key's type is the table's, checked by the reader).
 *
 * A query parameter marked `sortKeyOnly` exists only when the table (on `queryIndex`: the index named in the path)
 * has a sort key; elsewhere the reader treats it as unknown (400). API Gateway cannot see the index, so it declares
 * them on `queryIndex` always. No query parameter is required: `required` is there for the gateway's validator.
 */

/** The type of a parameter's value as it appears in the URL (every value arrives as text). */
export type ReadApiParameterType = 'string' | 'integer' | 'boolean';

export interface ReadApiParameter {
  readonly name: string;
  readonly type: ReadApiParameterType;
  readonly required: boolean;
  readonly description: string;
  /** The only values accepted. */
  readonly enum?: readonly string[];
  /** Integers: inclusive bounds. */
  readonly minimum?: number;
  readonly maximum?: number;
  /** The value used when the parameter is absent. */
  readonly default?: string | number | boolean;
  /** `commaList`: a comma-separated list of names (`fields=a,b`). */
  readonly style?: 'commaList';
  /** Only when the table (on `queryIndex`: the index) has a sort key; otherwise an unknown parameter. */
  readonly sortKeyOnly?: boolean;
}

export type ReadApiRouteId = 'listItems' | 'readPartition' | 'queryIndex';

/** The DynamoDB calls a route makes. */
export type ReadApiOperation = 'Scan' | 'GetItem' | 'Query';

export interface ReadApiRoute {
  /** Also the OpenAPI operationId and the route name in the reader's logs. */
  readonly id: ReadApiRouteId;
  readonly method: 'GET';
  /** API Gateway's resource path, `{name}` for a path parameter. */
  readonly path: string;
  readonly pathParameters: readonly { readonly name: string; readonly description: string }[];
  readonly queryParameters: readonly ReadApiParameter[];
  readonly operations: readonly ReadApiOperation[];
  /** `page` = `{ items, nextToken }`; `itemOrPage`: the item (GetItem) or a page (Query). */
  readonly response: 'page' | 'itemOrPage';
  readonly description: string;
}

const limit: ReadApiParameter = {
  name: 'limit',
  type: 'integer',
  required: false,
  minimum: 1,
  maximum: 1000,
  default: 100,
  description: 'Items read per page (DynamoDB Limit; a page can also end at 1 MB read or 6 MB of response).',
};
const nextToken: ReadApiParameter = {
  name: 'nextToken',
  type: 'string',
  required: false,
  description:
    'The nextToken of the previous page, opaque. It is bound to the route, index, segment and partition that issued it: anywhere else it is a 400.',
};
const fields: ReadApiParameter = {
  name: 'fields',
  type: 'string',
  style: 'commaList',
  required: false,
  description:
    'Attributes to return, comma-separated (`fields=temp,owner`); top-level names only. Key attributes are always returned, so paging works.',
};
const consistent: ReadApiParameter = {
  name: 'consistent',
  type: 'boolean',
  required: false,
  enum: ['true', 'false'],
  default: false,
  description: 'Strongly consistent read (base table only; global secondary indexes have no consistent reads).',
};
const format: ReadApiParameter = {
  name: 'format',
  type: 'string',
  required: false,
  enum: ['json', 'dynamodb'],
  default: 'json',
  description: '`json`: plain JSON values; `dynamodb`: DynamoDB JSON (keeps set vs list and every type).',
};

/** Sort-key conditions of a Query: one kind at a time (DynamoDB allows one condition on the sort key). */
function sortKeyConditions(of: string): ReadApiParameter[] {
  return [
    {
      name: 'skBeginsWith',
      type: 'string',
      required: false,
      sortKeyOnly: true,
      description: `Only items whose ${of} sort key begins with this prefix (string keys only). Not with skFrom/skTo.`,
    },
    {
      name: 'skFrom',
      type: 'string',
      required: false,
      sortKeyOnly: true,
      description: `Only items whose ${of} sort key is ≥ this value (inclusive), typed by the sort key's type. Not with skBeginsWith.`,
    },
    {
      name: 'skTo',
      type: 'string',
      required: false,
      sortKeyOnly: true,
      description: `Only items whose ${of} sort key is ≤ this value (inclusive), typed by the sort key's type. Not with skBeginsWith.`,
    },
    {
      name: 'order',
      type: 'string',
      required: false,
      enum: ['asc', 'desc'],
      default: 'asc',
      sortKeyOnly: true,
      description: `Sort-key order of the ${of} items.`,
    },
  ];
}

export const READ_API_ROUTES: readonly ReadApiRoute[] = [
  {
    id: 'listItems',
    method: 'GET',
    path: '/items',
    pathParameters: [],
    queryParameters: [
      limit,
      nextToken,
      {
        name: 'segment',
        type: 'integer',
        required: false,
        minimum: 0,
        maximum: 999_999,
        description: 'Parallel Scan: this worker’s segment, 0 ≤ segment < totalSegments. With totalSegments only.',
      },
      {
        name: 'totalSegments',
        type: 'integer',
        required: false,
        minimum: 1,
        maximum: 1_000_000,
        description: 'Parallel Scan: the number of segments. With segment only.',
      },
      fields,
      consistent,
      format,
    ],
    operations: ['Scan'],
    response: 'page',
    description: 'One page of a Scan of the table, or of one segment of a parallel Scan.',
  },
  {
    id: 'readPartition',
    method: 'GET',
    path: '/items/{key}',
    pathParameters: [{ name: 'key', description: "The partition key value, in the table's key type." }],
    queryParameters: [
      {
        name: 'sk',
        type: 'string',
        required: false,
        sortKeyOnly: true,
        description: "The sort key value: GetItem of that one item. Not with the Query's parameters.",
      },
      ...sortKeyConditions('table'),
      { ...limit, sortKeyOnly: true },
      { ...nextToken, sortKeyOnly: true },
      fields,
      consistent,
      format,
    ],
    operations: ['GetItem', 'Query'],
    response: 'itemOrPage',
    description:
      'GetItem when the table has no sort key or `sk` is given (404 NotFound when absent); otherwise one page of a Query of the partition in sort-key order.',
  },
  {
    id: 'queryIndex',
    method: 'GET',
    path: '/indexes/{index}/items/{key}',
    pathParameters: [
      { name: 'index', description: 'A global secondary index declared in the stage file (404 NotFound otherwise).' },
      { name: 'key', description: "The index's partition key value, in its key type." },
    ],
    queryParameters: [...sortKeyConditions('index'), limit, nextToken, fields, format],
    operations: ['Query'],
    response: 'page',
    description: "One page of a Query of a global secondary index's partition, in the index's sort-key order.",
  },
];

export interface ReadApiErrorCode {
  /** The `error.code` of the response body. */
  readonly code: string;
  readonly statuses: readonly number[];
  /** `reader`: the Lambda's answer; `apiGateway`: API Gateway's own (gateway responses, in the same body shape). */
  readonly source: 'reader' | 'apiGateway';
  readonly description: string;
}

/** Every `error.code` the API answers with: body `{ "error": { "code", "message", "requestId" } }`. */
export const READ_API_ERROR_CODES: readonly ReadApiErrorCode[] = [
  { code: 'InvalidRequest', statuses: [400], source: 'reader', description: 'A bad parameter; the message names it.' },
  { code: 'NotFound', statuses: [404], source: 'reader', description: 'No such item, route or index.' },
  { code: 'MethodNotAllowed', statuses: [405], source: 'reader', description: 'Only GET is allowed (`Allow: GET`).' },
  {
    code: 'TargetAccessDenied',
    statuses: [502],
    source: 'reader',
    description: 'The target account refused access; an operator must fix the deployment.',
  },
  {
    code: 'TargetTableNotFound',
    statuses: [502],
    source: 'reader',
    description: 'The table does not exist; an operator must fix the deployment.',
  },
  {
    code: 'TargetThrottled',
    statuses: [503],
    source: 'reader',
    description: 'The target is throttling; retry after `Retry-After` seconds.',
  },
  {
    code: 'TargetUnavailable',
    statuses: [503, 504],
    source: 'reader',
    description: 'The target failed (503) or did not answer in time (504); retry.',
  },
  { code: 'InternalError', statuses: [500], source: 'reader', description: 'Unexpected; quote the requestId.' },
  {
    code: 'BAD_REQUEST_PARAMETERS',
    statuses: [400],
    source: 'apiGateway',
    description: 'A required request parameter is missing.',
  },
  {
    code: 'MISSING_AUTHENTICATION_TOKEN',
    statuses: [403],
    source: 'apiGateway',
    description: 'The request is not SigV4-signed, or no such route or method.',
  },
  {
    code: 'INVALID_SIGNATURE',
    statuses: [403],
    source: 'apiGateway',
    description: 'The SigV4 signature does not match.',
  },
  { code: 'EXPIRED_TOKEN', statuses: [403], source: 'apiGateway', description: 'The signing credentials expired.' },
  {
    code: 'UNAUTHORIZED',
    statuses: [403],
    source: 'apiGateway',
    description: 'The signing access key is not known (UnrecognizedClientException).',
  },
  {
    code: 'ACCESS_DENIED',
    statuses: [403],
    source: 'apiGateway',
    description: 'The caller may not execute-api:Invoke this method.',
  },
  { code: 'THROTTLED', statuses: [429], source: 'apiGateway', description: 'The API stage throttled the request.' },
];
