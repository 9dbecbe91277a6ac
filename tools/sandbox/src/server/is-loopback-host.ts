/**
 * Whether an HTTP Host header names this machine's loopback (`localhost`, `127.x.y.z`, `[::1]`, with or without a
 * port). A page served from an attacker's domain that re-resolves to 127.0.0.1 (DNS rebinding) still sends its own
 * host name, so only requests addressed to a loopback name reach the sandbox.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (match === null) return false;
  const name = match[1] ?? '';
  if (name === 'localhost' || name === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}
