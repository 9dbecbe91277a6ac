import type { DoctorContext } from './doctor-context';

/** The reader function's name: the source stack's FunctionName output, else what source-infra names it. */
export function functionNameOf(context: DoctorContext): string {
  return context.outputs.source?.['FunctionName'] ?? `xacct-${context.stage.name}-reader`;
}
