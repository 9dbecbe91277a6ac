/** DynamoDB scalar key types the reader supports (binary keys cannot be addressed from a URL path). */
export type KeyType = 'S' | 'N';
