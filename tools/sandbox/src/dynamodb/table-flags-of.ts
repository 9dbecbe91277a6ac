import type { StackStore } from '../cfn/stack-store';

/** What a template set on a table that dynalite does not model. */
export interface TableFlags {
  readonly deletionProtection: boolean;
  readonly pointInTimeRecovery: boolean;
}

const TABLE_TYPES = new Set(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);

/**
 * Deletion protection and PITR of a table, as the template of the stack that owns it set them (the table
 * handler keeps them as resource data). Tables created through the API, or retained by a destroyed stack,
 * report both off.
 */
export function tableFlagsOf(stacks: StackStore, accountId: string, region: string, name: string): TableFlags {
  for (const stack of stacks.list()) {
    if (stack.accountId !== accountId || stack.region !== region) continue;
    const table = stack.resources.find((r) => TABLE_TYPES.has(r.type) && r.physicalId === name);
    const data = table?.data as Partial<TableFlags> | undefined;
    if (table !== undefined)
      return {
        deletionProtection: data?.deletionProtection === true,
        pointInTimeRecovery: data?.pointInTimeRecovery === true,
      };
  }
  return { deletionProtection: false, pointInTimeRecovery: false };
}
