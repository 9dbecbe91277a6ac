import { readFileSync } from 'node:fs';
import { BenchError } from '../errors';

export interface FunctionProps {
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeout: number;
}

/** Runtime, memory and timeout of the (one) Lambda function in a synthesized template. */
export function readerFunctionProps(templateFile: string): FunctionProps {
  const template = JSON.parse(readFileSync(templateFile, 'utf8')) as {
    Resources?: Record<
      string,
      { Type?: string; Properties?: { Runtime?: string; MemorySize?: number; Timeout?: number } }
    >;
  };
  const fn = Object.values(template.Resources ?? {}).find((resource) => resource.Type === 'AWS::Lambda::Function');
  if (!fn?.Properties?.Runtime)
    throw new BenchError('MissingArtifact', `${templateFile} has no Lambda function with a Runtime`);
  return {
    runtime: fn.Properties.Runtime,
    memorySize: fn.Properties.MemorySize ?? 128,
    timeout: fn.Properties.Timeout ?? 3,
  };
}
