import { pinnedLookup, WebhookTargetRefused, WebhookTargets, type ResolveHostname } from './webhook-target';

// Documentation-free public addresses that nothing here ever connects to (these tests open no sockets).
const PUBLIC_V4 = '93.184.216.34';
const PUBLIC_V6 = '2606:4700:4700::1111';

function resolverOf(answers: Record<string, string[]>): ResolveHostname {
  return async (hostname) => {
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses;
  };
}

const strict = new WebhookTargets(
  { allowInsecureTargets: false },
  resolverOf({
    'hooks.example.com': [PUBLIC_V4, PUBLIC_V6],
    'metadata.example.com': ['169.254.169.254'],
    'mixed.example.com': [PUBLIC_V4, '10.1.2.3'],
    'v6-private.example.com': ['fd00:ec2::254'],
    'mapped.example.com': ['::ffff:127.0.0.1'],
  }),
);

async function refusal(url: string, targets = strict): Promise<string> {
  try {
    await targets.checkForRegistration(url);
  } catch (error) {
    if (error instanceof WebhookTargetRefused) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('WebhookTargets', () => {
  test.each([
    // Link-local (cloud metadata) in every notation the WHATWG URL parser reads as IPv4.
    ['https://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['https://2852039166/', 'linkLocal'],
    ['https://0xa9fea9fe/', 'linkLocal'],
    ['https://0251.0376.0251.0376/', 'linkLocal'],
    ['https://0xa9.0xfe.0xa9.0xfe/', 'linkLocal'],
    ['https://169.254.43518/', 'linkLocal'],
    ['https://169.16689662/', 'linkLocal'],
    ['https://[::ffff:169.254.169.254]/', 'linkLocal'],
    ['https://[::ffff:a9fe:a9fe]/', 'linkLocal'],
    ['https://[fe80::1]/', 'linkLocal'],
    // Loopback.
    ['https://127.0.0.1/', 'loopback'],
    ['https://127.1/', 'loopback'],
    ['https://0x7f.1/', 'loopback'],
    ['https://0177.0.0.1/', 'loopback'],
    ['https://017700000001/', 'loopback'],
    ['https://2130706433/', 'loopback'],
    ['https://127.255.255.254/', 'loopback'],
    ['https://[::1]/', 'loopback'],
    ['https://[0:0:0:0:0:0:0:1]/', 'loopback'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    // IPv4-compatible (deprecated) IPv6 and other embeddings.
    ['https://[::127.0.0.1]/', 'not a global unicast IPv6 address'],
    ['https://[::a9fe:a9fe]/', 'not a global unicast IPv6 address'],
    ['https://[64:ff9b::a9fe:a9fe]/', 'rfc6052'],
    ['https://[2002:a9fe:a9fe::1]/', '6to4'],
    ['https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'teredo'],
    // Private, CGNAT, unique-local, multicast, unspecified, broadcast, reserved.
    ['https://10.0.0.1/', 'private'],
    ['https://172.16.5.4/', 'private'],
    ['https://172.31.255.255/', 'private'],
    ['https://192.168.1.1/', 'private'],
    ['https://100.64.0.1/', 'carrierGradeNat'],
    ['https://100.127.255.254/', 'carrierGradeNat'],
    ['https://[fd00:ec2::254]/', 'uniqueLocal'],
    ['https://[fc00::1]/', 'uniqueLocal'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://[ff02::1]/', 'multicast'],
    ['https://0.0.0.0/', 'unspecified'],
    ['https://0/', 'unspecified'],
    ['https://[::]/', 'unspecified'],
    ['https://255.255.255.255/', 'broadcast'],
    ['https://192.0.2.1/', 'reserved'],
    ['https://198.18.0.1/', 'reserved'],
    ['https://240.0.0.1/', 'reserved'],
    ['https://[2001:db8::1]/', 'reserved'],
    // Names that never leave the local network.
    ['https://localhost/', 'private name'],
    ['https://LOCALHOST./', 'private name'],
    ['https://api.localhost/', 'private name'],
    ['https://metadata.google.internal/computeMetadata/v1/', 'private name'],
    ['https://printer.local/', 'private name'],
    ['https://router.home.arpa/', 'private name'],
    // Names that resolve to such addresses (every address is checked, not only the first).
    ['https://metadata.example.com/', 'resolves to 169.254.169.254 is a linkLocal address'],
    ['https://mixed.example.com/', 'resolves to 10.1.2.3 is a private address'],
    ['https://v6-private.example.com/', 'uniqueLocal'],
    ['https://mapped.example.com/', 'resolves to 127.0.0.1 is a loopback address'],
  ])('when a webhook targets %s, then it is refused (%s)', async (url, reason) => {
    const refused = await refusal(url);
    expect(refused).toContain('must be a public address');
    expect(refused).toContain(reason);
  });

  test.each([
    ['http://hooks.example.com/', 'must be an https:// URL'],
    ['https://user:pass@hooks.example.com/', 'must not carry credentials'],
    ['ftp://hooks.example.com/', 'must be an https:// URL'],
  ])('when a webhook URL is %s, then it is refused', async (url, reason) => {
    expect(await refusal(url)).toContain(reason);
  });

  test.each([`https://${PUBLIC_V4}/hook`, `https://[${PUBLIC_V6}]/hook`, 'https://hooks.example.com/finops', 'https://hooks.example.com:8443/x'])(
    'when a webhook targets the public %s, then it is accepted',
    async (url) => {
      expect(await refusal(url)).toBe('accepted');
    },
  );

  test('when a name does not resolve, then registration accepts it and a delivery refuses it', async () => {
    expect(await refusal('https://not-yet.example.com/')).toBe('accepted');
    await expect(strict.resolveAndCheck('https://not-yet.example.com/')).rejects.toThrow('does not resolve (ENOTFOUND)');
  });

  test('when the operator allows insecure targets, then plain http and loopback are accepted', async () => {
    const insecure = new WebhookTargets({ allowInsecureTargets: true }, resolverOf({ localhost: ['127.0.0.1'] }));
    expect(await refusal('http://127.0.0.1:9999/hook', insecure)).toBe('accepted');
    expect(await insecure.resolveAndCheck('http://localhost:9999/')).toMatchObject({ address: { address: '127.0.0.1', family: 4 } });
  });

  test('when a name answers public at registration and private at delivery (DNS rebinding), then the delivery is refused', async () => {
    const answers = [[PUBLIC_V4], ['127.0.0.1']];
    let calls = 0;
    const rebinding = new WebhookTargets({ allowInsecureTargets: false }, async () => answers[Math.min(calls++, 1)]!);

    expect(await refusal('https://rebind.example.com/', rebinding)).toBe('accepted');
    await expect(rebinding.resolveAndCheck('https://rebind.example.com/')).rejects.toThrow('resolves to 127.0.0.1 is a loopback address');
  });

  test('when a delivery resolved a name once, then the socket is given the checked address, in both lookup forms', async () => {
    const target = await strict.resolveAndCheck('https://hooks.example.com/');
    const lookup = pinnedLookup(target.address!);
    const single = await new Promise((resolve) => lookup('hooks.example.com', {}, (_error, address, family) => resolve({ address, family })));
    const all = await new Promise((resolve) => lookup('hooks.example.com', { all: true }, (_error, addresses) => resolve(addresses)));

    expect(single).toEqual({ address: PUBLIC_V4, family: 4 });
    expect(all).toEqual([{ address: PUBLIC_V4, family: 4 }]);
  });
});

describe('a name server that does not answer', () => {
  const silent: ResolveHostname = () => new Promise(() => undefined);
  const targets = new WebhookTargets({ allowInsecureTargets: false }, silent, 50);

  test('when registering, then the lookup is given up after the timeout and the URL accepted (every delivery checks again)', async () => {
    await expect(targets.checkForRegistration('https://slow.example.com/hook')).resolves.toBeUndefined();
  });

  test('when delivering, then the target is refused as unresolved, saying the name server did not answer in time', async () => {
    const refused = await targets.resolveAndCheck('https://slow.example.com/hook').catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(WebhookTargetRefused);
    expect((refused as WebhookTargetRefused).unresolved).toBe(true);
    expect((refused as WebhookTargetRefused).reason).toBe('slow.example.com does not resolve (no answer within 0.05 s)');
  });
});
