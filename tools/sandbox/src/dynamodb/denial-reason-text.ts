import type { DenialReason } from '../iam/is-allowed';

/** The end of AWS's AccessDenied message for a denial reason, e.g. `because no identity-based policy allows the dynamodb:Scan action`. */
export function denialReasonText(reason: DenialReason, action: string): string {
  switch (reason) {
    case 'explicit-deny-identity':
      return 'with an explicit deny in an identity-based policy';
    case 'explicit-deny-resource':
      return 'with an explicit deny in a resource-based policy';
    case 'no-resource-policy':
      return `because no resource-based policy allows the ${action} action`;
    case 'no-session-policy':
      return `because no session policy allows the ${action} action`;
    case 'explicit-deny-session':
      return 'with an explicit deny in a session policy';
    case 'invalid-policy':
      return 'because an attached policy is invalid';
    default:
      return `because no identity-based policy allows the ${action} action`;
  }
}
