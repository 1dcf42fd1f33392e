import { write } from 'node:fs';
import { nonBlockingOutput } from '@finops/http-kit';

/**
 * What the launcher tells the person at the terminal, written so that it can never stop the launcher: Node writes
 * to a pipe synchronously, so one line to a terminal that went away (or a `| tee` nobody drains) would freeze the
 * launcher before it could stop anything. Here each line is written in the background, in order, to a non-blocking
 * descriptor; a line the reader does not take is dropped, as are lines beyond a bound while one is pending.
 */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

interface LineWriter {
  (text: string): void;
  /** Output of a service, passed on as it came (it ends its own lines). */
  relay(chunk: Buffer): void;
  idle(): boolean;
}

function lineWriter(fd: number): LineWriter {
  const queue: Buffer[] = [];
  let pendingBytes = 0;
  let writing = false;
  const next = (): void => {
    const data = queue.shift();
    if (data === undefined) {
      writing = false;
      return;
    }
    writing = true;
    // A refused write (EAGAIN: the reader is not reading; EPIPE: it is gone) drops this piece; a partial one is
    // finished first, so that lines reach the reader whole or not at all.
    write(fd, data, (error, written) => {
      if (!error && written < data.length) queue.unshift(data.subarray(written));
      pendingBytes -= error ? data.length : written;
      next();
    });
  };
  const enqueue = (data: Buffer): void => {
    if (pendingBytes + data.length > MAX_PENDING_BYTES) return;
    pendingBytes += data.length;
    queue.push(data);
    if (!writing) next();
  };
  return Object.assign((text: string) => enqueue(Buffer.from(`${text}\n`)), { relay: enqueue, idle: () => !writing });
}

export const say = lineWriter(nonBlockingOutput(1));
export const complain = lineWriter(nonBlockingOutput(2));

/** Exits once what was said is written, or after a second if the reader is not reading: the exit is not held up. */
export function exitWhenWritten(code: number): void {
  const deadline = Date.now() + 1_000;
  const check = (): void => {
    if ((say.idle() && complain.idle()) || Date.now() > deadline) process.exit(code);
    else setTimeout(check, 10);
  };
  check();
}
