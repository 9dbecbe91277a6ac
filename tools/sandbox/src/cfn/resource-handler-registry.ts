import type { ResourceHandler } from './resource-handler';

/** Resource handlers by CloudFormation type (`AWS::DynamoDB::Table`, ...). */
export class ResourceHandlerRegistry {
  private readonly handlers = new Map<string, ResourceHandler>();

  register(type: string, handler: ResourceHandler): void {
    this.handlers.set(type, handler);
  }

  get(type: string): ResourceHandler | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
