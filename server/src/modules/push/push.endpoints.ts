import { type LookupAddress, type LookupOptions, lookup as dnsLookup } from 'node:dns';
import { lookup as resolveAll } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * A public unicast address: not loopback, private, link-local, unique-local, carrier-grade NAT, multicast,
 * reserved, nor any of these written as an IPv4-mapped IPv6 address. Push services live on the internet; anything
 * else would let a subscription make the server send requests into our own network.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const ipv6 = parsed as ipaddr.IPv6;
    if (ipv6.isIPv4MappedAddress()) parsed = ipv6.toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** The host of a URL without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export class EndpointRefused extends Error {}

/**
 * Where push may be sent. In production only `https:` endpoints whose host is a public address, checked when a
 * subscription arrives and again on every connection (the name could point elsewhere by then: DNS rebinding).
 * Elsewhere `http:` and loopback are allowed too, so tests can run a receiver on 127.0.0.1.
 */
export function createEndpointGuard(options: {
  production: boolean;
  /** Resolves a host to every address it has; the system resolver unless a test gives another. */
  resolve?: (host: string) => Promise<string[]>;
}) {
  const { production } = options;
  const resolve =
    options.resolve ??
    (async (host: string) => (await resolveAll(host, { all: true })).map((entry) => entry.address));

  /** The endpoint's URL when its protocol may be used here, and its host when it is an address itself. */
  function precheck(endpoint: string): URL | null {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return null;
    }
    if (url.protocol !== 'https:' && (production || url.protocol !== 'http:')) return null;
    if (url.username || url.password) return null;
    const host = hostOf(url);
    if (production && ipaddr.isValid(host) && !isPublicAddress(host)) return null;
    return url;
  }

  return {
    production,

    /** Whether a new subscription's endpoint is one we would send to (its host resolved now, in production). */
    async allows(endpoint: string): Promise<boolean> {
      const url = precheck(endpoint);
      if (!url) return false;
      const host = hostOf(url);
      if (!production || ipaddr.isValid(host)) return true;
      try {
        const addresses = await resolve(host);
        return addresses.length > 0 && addresses.every(isPublicAddress);
      } catch {
        return false;
      }
    },

    /** Throws when a stored endpoint may not be sent to now (its protocol, or an address literal that is not public). */
    assertSendable(endpoint: string): URL {
      const url = precheck(endpoint);
      if (!url) throw new EndpointRefused('push endpoint not allowed');
      return url;
    },

    /**
     * The `lookup` for the connection: the system's, refusing in production a name that resolves to any address
     * that is not public, so the address checked is the address connected to.
     */
    lookup(
      hostname: string,
      lookupOptions: LookupOptions,
      callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
    ): void {
      dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
        if (error) return callback(error, []);
        if (addresses.length === 0) return callback(new EndpointRefused('push endpoint has no address'), []);
        if (production && !addresses.every((entry) => isPublicAddress(entry.address)))
          return callback(new EndpointRefused('push endpoint resolves to an address that is not public'), []);
        if (lookupOptions.all) return callback(null, addresses);
        const [first] = addresses as [LookupAddress];
        callback(null, first.address, first.family);
      });
    },
  };
}

export type EndpointGuard = ReturnType<typeof createEndpointGuard>;
