/** The DynamoDB actions the reader calls (both access modes grant exactly these): GetItem (GET /items/{key}), Scan (GET /items), Query (key-range reads, indexes). */
export const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'] as const;
/** GetItem addresses a table only; on an index only Query and Scan exist. */
export const INDEX_READ_ACTIONS = ['dynamodb:Query', 'dynamodb:Scan'] as const;
