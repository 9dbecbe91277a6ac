/** The AWS partition that owns a region; ARNs built for the region must use it. */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

export function partitionOfRegion(region: string): AwsPartition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
