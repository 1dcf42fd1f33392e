import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const FORECASTER_ENTRY = join(__dirname, '../../../forecaster/dist/src/main.js');

/** The real forecaster service as a separate process on a free port (its build, as npm start runs it). */
export async function startForecasterProcess(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = fork(FORECASTER_ENTRY, [], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`forecaster exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
