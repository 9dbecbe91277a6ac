import type { AdminCredentials } from '../iam/iam-store';
import { writeItems } from './write-items';

export interface SeedItemsInput {
  readonly endpoint: string;
  readonly region: string;
  readonly table: string;
  readonly credentials: AdminCredentials;
  /** Generated items besides the two classic ones. @default 0 */
  readonly count?: number;
  /** @default 'deviceId' */
  readonly keyName?: string;
}

/**
 * Writes the classic sample items ({deviceId: 'd0001', name: 'This is a pen.'}, {deviceId: 'd0002', name: 'Fooooooo'})
 * and `count` generated ones through the normal, SigV4- and IAM-checked DynamoDB endpoint with the real SDK.
 * @returns the number of items written.
 */
export function seedItems(input: SeedItemsInput): Promise<number> {
  const key = input.keyName ?? 'deviceId';
  const items: Array<Record<string, unknown>> = [
    { [key]: 'd0001', name: 'This is a pen.' },
    { [key]: 'd0002', name: 'Fooooooo' },
  ];
  for (let n = 3; n < 3 + (input.count ?? 0); n++) {
    items.push({ [key]: `d${String(n).padStart(4, '0')}`, name: `Generated device ${n}` });
  }
  const { count: _count, keyName: _keyName, ...target } = input;
  return writeItems({ ...target, items });
}
