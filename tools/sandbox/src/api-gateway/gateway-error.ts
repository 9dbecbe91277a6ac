/** An error API Gateway answers itself (before or instead of the integration). */
export interface GatewayError {
  /** The gateway response type (`MISSING_AUTHENTICATION_TOKEN`, `THROTTLED`...). */
  responseType: string;
  statusCode: number;
  /** `x-amzn-ErrorType`. */
  errorType: string;
  message: string;
  /** AWS writes the IAM denial as `{"Message": ...}`, everything else as `{"message": ...}`. */
  messageKey?: 'message' | 'Message';
}
