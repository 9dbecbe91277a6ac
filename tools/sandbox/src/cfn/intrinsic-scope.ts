/** What intrinsic functions can see while a template is applied. */
export interface IntrinsicScope {
  /** `Ref` of a resource's logical id (its physical id); throws for an unknown or not yet applied one. */
  ref(logicalId: string): string;
  /** `Fn::GetAtt`; throws for an unknown resource or attribute. */
  getAtt(logicalId: string, attribute: string): unknown;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** AWS::AccountId, AWS::Region, AWS::Partition, AWS::URLSuffix, AWS::StackName, AWS::StackId. */
  readonly pseudo: Readonly<Record<string, string>>;
  readonly conditions: Readonly<Record<string, boolean>>;
  readonly mappings: Readonly<Record<string, unknown>>;
}
