/** DynamoDB's item size for flat string/number items: attribute name lengths plus UTF-8 value lengths (numbers ~1 byte per 2 digits + 1). */
export function dynamodbItemSize(item: Record<string, string | number>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size += Buffer.byteLength(name);
    size += typeof value === 'string' ? Buffer.byteLength(value) : Math.ceil(String(Math.abs(value)).length / 2) + 1;
  }
  return size;
}
