import { connect } from 'node:net';

/** True when this system's gateway answers at the URL (its API document names it), within a second. */
export async function answersAsGateway(gatewayUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/api/v1/openapi.json', gatewayUrl), { signal: AbortSignal.timeout(1_000) });
    if (!response.ok) return false;
    const document = (await response.json()) as { info?: { title?: unknown } };
    return document.info?.title === 'AI FinOps gateway';
  } catch {
    return false;
  }
}

/** True when something accepts TCP connections on the port (so starting a server there would fail). */
export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1_000);
    const done = (inUse: boolean) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** Every port this start needs that is taken already, each with what it was for and the setting that moves it. */
export async function busyPorts(host: string, wanted: { port: number; what: string; setting: string }[]): Promise<string[]> {
  const taken = await Promise.all(wanted.map(async (entry) => ((await portInUse(host, entry.port)) ? entry : undefined)));
  return taken.filter((entry) => entry !== undefined).map((entry) => `port ${entry.port} (${entry.what}) is in use already (another \`npm start\` with other settings, or another program); free it or set ${entry.setting}`);
}
