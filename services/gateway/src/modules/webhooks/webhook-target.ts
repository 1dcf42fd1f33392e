import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateName, nonPublicReason } from './webhook-target-address';

/** Every address a host name resolves to (A and AAAA). */
export type ResolveHostname = (hostname: string) => Promise<string[]>;

export const resolveWithSystemDns: ResolveHostname = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export interface WebhookTargetPolicy {
  /**
   * Plain http:// and loopback, private or other non-public addresses (WEBHOOK_ALLOW_INSECURE_TARGETS): for local
   * development and the project's own tests, which deliver to 127.0.0.1. Off by default.
   */
  allowInsecureTargets: boolean;
}

/** Where one delivery goes: the URL, and the address it was checked at, which is the one connected to. */
export interface CheckedTarget {
  url: URL;
  /** Set for a host name: the connection is made to this address, never to a second resolution of the name. */
  address?: { address: string; family: 4 | 6 };
}

export class WebhookTargetRefused extends Error {
  /** `unresolved`: the name did not resolve (registration accepts that; a delivery is refused). */
  constructor(
    readonly reason: string,
    readonly unresolved = false,
  ) {
    super(reason);
    this.name = 'WebhookTargetRefused';
  }
}

/** An IPv6 literal is written in brackets in a URL ([::1]); WHATWG URL has already made numeric IPv4 forms canonical. */
function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : undefined;
}

/**
 * Decides whether a webhook URL may be called, at registration and again before every delivery, so an address that
 * changed meanwhile (DNS rebinding) is caught. The WHATWG URL parser turns every numeric notation of an IPv4 host
 * (decimal 2852039166, octal 0251.0376.0251.0376, hex 0xa9fea9fe, short 169.254.43518) into its dotted form first.
 */
export class WebhookTargets {
  constructor(
    private readonly policy: WebhookTargetPolicy,
    private readonly resolve: ResolveHostname = resolveWithSystemDns,
    /** A name server that does not answer must not hold a registration request (or a delivery) for long. */
    private readonly lookupTimeoutMs = 3_000,
  ) {}

  /** The URL's own problems, without DNS. */
  checkUrl(text: string): URL {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new WebhookTargetRefused('is not a URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.policy.allowInsecureTargets)) {
      throw new WebhookTargetRefused('must be an https:// URL (plain http only with WEBHOOK_ALLOW_INSECURE_TARGETS)');
    }
    if (url.username || url.password) throw new WebhookTargetRefused('must not carry credentials; the signature authenticates deliveries');
    if (this.policy.allowInsecureTargets) return url;
    const literal = literalAddress(url.hostname);
    const reason = literal ? nonPublicReason(literal) : isPrivateName(url.hostname) ? `${url.hostname} is a private name` : undefined;
    if (reason) throw new WebhookTargetRefused(`must be a public address: ${reason}`);
    return url;
  }

  /**
   * At registration: refused when the URL or any address its name resolves to may not be called; a name that does not
   * resolve (yet) is accepted, since every delivery checks again.
   */
  async checkForRegistration(text: string): Promise<void> {
    try {
      await this.resolveAndCheck(text);
    } catch (error) {
      if (!(error instanceof WebhookTargetRefused) || !error.unresolved) throw error;
    }
  }

  /** The URL and the one checked address to connect to; every address the name resolves to must be public. */
  async resolveAndCheck(text: string): Promise<CheckedTarget> {
    const url = this.checkUrl(text);
    if (literalAddress(url.hostname)) return { url };
    let addresses: string[];
    try {
      addresses = await this.resolveWithin(url.hostname);
    } catch (error) {
      throw new WebhookTargetRefused(`${url.hostname} does not resolve (${(error as { code?: string }).code ?? 'lookup failed'})`, true);
    }
    if (addresses.length === 0) throw new WebhookTargetRefused(`${url.hostname} does not resolve`, true);
    if (!this.policy.allowInsecureTargets) {
      for (const address of addresses) {
        const reason = nonPublicReason(address);
        if (reason) throw new WebhookTargetRefused(`must be a public address: ${url.hostname} resolves to ${reason}`);
      }
    }
    const address = addresses[0]!;
    return { url, address: { address, family: isIP(address) === 6 ? 6 : 4 } };
  }

  /** The lookup itself cannot be cancelled (getaddrinfo runs to its end in the thread pool); its answer is ignored. */
  private resolveWithin(hostname: string): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${this.lookupTimeoutMs} ms`), { code: `no answer within ${this.lookupTimeoutMs / 1000} s` })), this.lookupTimeoutMs);
    });
    return Promise.race([this.resolve(hostname), timedOut]).finally(() => clearTimeout(timer));
  }
}

/**
 * A socket `lookup` that answers with the checked address only: the connection cannot go anywhere else than what was
 * checked, whatever the name resolves to by then. (Node asks with `all: true` when it races address families.)
 */
export function pinnedLookup(address: { address: string; family: 4 | 6 }): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
}
