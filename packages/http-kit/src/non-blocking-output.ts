import { constants, openSync } from 'node:fs';
import { Socket } from 'node:net';

const opened = new Map<number, number>();
// A socket made non-blocking through libuv closes its descriptor when collected: kept for the life of the process.
const keptSockets: Socket[] = [];

/**
 * A descriptor for standard output or error that never blocks: a write to a reader that stopped reading (a closed
 * terminal, a pipe nobody drains) fails at once with EAGAIN instead of waiting. Node makes a pipe on fd 1 blocking,
 * and a write blocked there hangs a process for good, its exit included (the thread pool is joined at exit).
 * Pipes, terminals and files are reopened through /proc, which gives this process a description with flags of its
 * own. A socket cannot be reopened: libuv makes it non-blocking in place, and every process sharing it copes with
 * EAGAIN (Node's streams and pino's destination both do). Elsewhere (no /proc) the descriptor is used as it is.
 * Opened once per process.
 */
export function nonBlockingOutput(fd: 1 | 2): number {
  const known = opened.get(fd);
  if (known !== undefined) return known;
  let usable: number = fd;
  try {
    usable = openSync(`/proc/self/fd/${fd}`, constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') keptSockets.push(nonBlockingSocket(fd));
  }
  opened.set(fd, usable);
  return usable;
}

function nonBlockingSocket(fd: number): Socket {
  const socket = new Socket({ fd, readable: false, writable: true });
  socket.unref();
  return socket;
}
