import type { StackRecord } from './stack-record';

/** Deployed stacks by account, region and name. */
export class StackStore {
  private readonly stacks = new Map<string, StackRecord>();
  private readonly listeners: Array<() => void> = [];

  constructor(snapshot: readonly StackRecord[] = []) {
    for (const stack of snapshot) this.stacks.set(key(stack.accountId, stack.region, stack.stackName), stack);
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  get(accountId: string, region: string, stackName: string): StackRecord | undefined {
    return this.stacks.get(key(accountId, region, stackName));
  }

  put(stack: StackRecord): void {
    this.stacks.set(key(stack.accountId, stack.region, stack.stackName), stack);
    this.changed();
  }

  delete(accountId: string, region: string, stackName: string): void {
    this.stacks.delete(key(accountId, region, stackName));
    this.changed();
  }

  list(): StackRecord[] {
    return [...this.stacks.values()];
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function key(accountId: string, region: string, stackName: string): string {
  return `${accountId}/${region}/${stackName}`;
}
