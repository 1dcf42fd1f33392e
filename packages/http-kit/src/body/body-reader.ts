import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HttpProblem } from '../http-problem';

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

export const SUPPORTED_CONTENT_ENCODINGS = Object.keys(DECODERS);

/** The decoders for a Content-Encoding header, in the order to apply them (the last coding applied comes off first). */
function decodersFor(header: string | undefined): Transform[] {
  if (header === undefined) return [];
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reverse().map((coding) => {
    const decoder = DECODERS[coding];
    if (!decoder) {
      throw new HttpProblem(
        'unsupportedMediaType',
        `Content-Encoding "${coding}" is not supported; send the body as is or with ${SUPPORTED_CONTENT_ENCODINGS.join(', ')}`,
      );
    }
    return decoder();
  });
}

function tooLarge(limitBytes: number, decoded: boolean): HttpProblem {
  return new HttpProblem('payloadTooLarge', `The body is larger than the limit of ${limitBytes} bytes${decoded ? ' once decoded' : ''}`);
}

/**
 * Reads a request body, decoding its Content-Encoding, with the byte limit applied to what arrives and again to what
 * it decodes to, so a small compressed body that expands without end (a zip bomb) is cut off at the limit rather
 * than filling memory. Bytes that do not decode as their coding are the client's error (400).
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const decoders = decodersFor(req.headers['content-encoding']);
  const declaredLength = Number(req.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > limitBytes) return Promise.reject(tooLarge(limitBytes, false));

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let decodedBytes = 0;
    let done = false;
    const finish = (error: unknown, body?: Buffer) => {
      if (done) return;
      done = true;
      if (error) {
        // Whatever the client still sends is read and dropped, so the answer can go out on a keep-alive connection.
        req.unpipe();
        req.resume();
        for (const decoder of decoders) decoder.destroy();
        reject(error);
      } else resolve(body!);
    };

    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) finish(tooLarge(limitBytes, false));
    });
    req.on('aborted', () => finish(new HttpProblem('validation', 'The request was aborted by the client')));
    req.on('error', (error) => finish(error));

    const output = decoders.reduce<NodeJS.ReadableStream>((stream, decoder) => stream.pipe(decoder), req);
    for (const decoder of decoders) {
      decoder.on('error', () =>
        finish(new HttpProblem('undecodableBody', `The body does not decode as its Content-Encoding (${req.headers['content-encoding']})`)),
      );
    }
    output.on('data', (chunk: Buffer) => {
      if (done) return;
      decodedBytes += chunk.length;
      if (decodedBytes > limitBytes) finish(tooLarge(limitBytes, decoders.length > 0));
      else chunks.push(chunk);
    });
    output.on('end', () => finish(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  });
}
