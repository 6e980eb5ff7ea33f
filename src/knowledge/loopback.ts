// Names that only ever reach the machine they are used on. A TLS certificate issued to nothing but
// these serves a local development server: its private key opens no deployed service.

/** Host names reserved for the local machine (RFC 6761: `localhost` and every name under it). */
export const LOOPBACK_HOST_NAMES = ['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback'] as const;

/** True for a host name or IP address that only reaches the local machine (127.0.0.0/8, ::1). */
export function isLoopbackHost(name: string): boolean {
  const host = name.trim().toLowerCase().replace(/\.$/, '');
  if ((LOOPBACK_HOST_NAMES as readonly string[]).includes(host) || host.endsWith('.localhost')) return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(host)) return host.split('.').every((part) => Number(part) <= 255);
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}
