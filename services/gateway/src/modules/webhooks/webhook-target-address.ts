import ipaddr from 'ipaddr.js';

/**
 * Why an address may not receive webhooks, or undefined for a public unicast address. ipaddr.js names the special
 * ranges (loopback, RFC 1918 private, link-local, CGNAT 100.64/10, unique-local fc00::/7, multicast, unspecified,
 * broadcast, documentation, benchmarking, 6to4, Teredo, NAT64, …); only what it calls plain unicast is public. IPv6
 * must also lie in global unicast 2000::/3, which rules out IPv4-compatible ::a.b.c.d and other unassigned space;
 * IPv4-mapped ::ffff:a.b.c.d is judged as the IPv4 address it carries.
 */
export function nonPublicReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range !== 'unicast') return `${parsed.toString()} is a ${range} address`;
  if (parsed.kind() === 'ipv6' && !parsed.match(ipaddr.parseCIDR('2000::/3'))) return `${parsed.toString()} is not a global unicast IPv6 address`;
  return undefined;
}

// Names that by definition never reach the public internet (RFC 6761 localhost, RFC 6762 .local, RFC 8375
// .home.arpa, and .internal, reserved for private use, as in metadata.google.internal).
const PRIVATE_NAME = /(^|\.)(localhost|local|internal|home\.arpa|localdomain)\.?$/i;

export function isPrivateName(hostname: string): boolean {
  return PRIVATE_NAME.test(hostname);
}
