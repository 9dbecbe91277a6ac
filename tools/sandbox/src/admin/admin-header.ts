/**
 * Header every admin API request must carry. A custom header makes browsers send a CORS preflight the sandbox
 * never approves, so a web page cannot drive the admin API of a local sandbox.
 */
export const ADMIN_HEADER = 'x-sandbox-admin';
