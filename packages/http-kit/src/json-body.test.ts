import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { problemErrorHandler } from './error-middleware';
import { jsonBody } from './json-body';
import { requestLogger } from './logger';

const LIMIT = 64 * 1024;

function echoApp() {
  const app = express();
  app.use(requestLogger(pino({ level: 'silent' })));
  app.post('/echo', jsonBody(LIMIT, 64), (req, res) => {
    res.json({ body: req.body ?? null });
  });
  app.use(problemErrorHandler);
  return app;
}

const app = echoApp();
const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
  // superagent would serialise a Buffer as JSON; the bytes must go as they are.
  request(app).post('/echo').set({ 'Content-Type': 'application/json', ...headers }).serialize((raw: unknown) => raw as string).send(body);

function expectProblem(response: request.Response, status: number, type: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body.type).toBe(`https://ai-finops.dev/problems/${type}`);
}

const sample = { agentId: 'a', tags: ['x', 'ü', '😀'], nested: { n: 1 } };

describe('jsonBody', () => {
  test.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('when the body is sent with Content-Encoding %s, then it is decoded and parsed', async (coding, encode) => {
    const response = await post(encode(Buffer.from(JSON.stringify(sample))), { 'Content-Encoding': coding });

    expect(response.status).toBe(200);
    expect(response.body.body).toEqual(sample);
  });

  test('when two codings are stacked, then they are taken off in reverse order', async () => {
    const response = await post(gzipSync(deflateSync(Buffer.from(JSON.stringify(sample)))), { 'Content-Encoding': 'deflate, gzip' });

    expect(response.body.body).toEqual(sample);
  });

  test('when a plain body claims gzip, then 400 says it does not decode', async () => {
    expectProblem(await post(JSON.stringify(sample), { 'Content-Encoding': 'gzip' }), 400, 'undecodable-body');
  });

  test('when a gzip body is cut short, then 400 says it does not decode', async () => {
    const whole = gzipSync(Buffer.from(JSON.stringify(sample)));
    expectProblem(await post(whole.subarray(0, whole.length - 6), { 'Content-Encoding': 'gzip' }), 400, 'undecodable-body');
  });

  test.each(['compress', 'zstd', 'gzip, snappy'])('when the coding is %s, then 415 names it', async (coding) => {
    const response = await post(JSON.stringify(sample), { 'Content-Encoding': coding });

    expectProblem(response, 415, 'unsupported-media-type');
    expect(response.body.detail).toMatch(/compress|zstd|snappy/);
  });

  test('when a small gzip body decodes to more than the limit (a zip bomb), then 413 names the decoded limit', async () => {
    const bomb = gzipSync(Buffer.from(`{"a":"${'0'.repeat(50 * LIMIT)}"}`));
    expect(bomb.length).toBeLessThan(LIMIT);

    const response = await post(bomb, { 'Content-Encoding': 'gzip' });

    expectProblem(response, 413, 'payload-too-large');
    expect(response.body.detail).toBe(`The body is larger than the limit of ${LIMIT} bytes once decoded`);
  });

  test('when a plain body is larger than the limit, then 413', async () => {
    expectProblem(await post(`{"a":"${'0'.repeat(LIMIT)}"}`), 413, 'payload-too-large');
  });

  test.each([
    ['a byte that starts no character', Buffer.from([0xff])],
    ['an overlong encoding of "/"', Buffer.from([0xc0, 0xaf])],
    ['an overlong three-byte encoding', Buffer.from([0xe0, 0x80, 0xaf])],
    ['an encoded surrogate (CESU-8)', Buffer.from([0xed, 0xa0, 0x80])],
    ['a code point above U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80])],
    ['a truncated sequence', Buffer.from([0xe2, 0x82])],
  ])('when a string holds %s, then 400 names the field it is in', async (_what, bytes) => {
    const body = Buffer.concat([Buffer.from('{"traces":[{"team":"ok"},{"agentId":"a","team":"x'), bytes, Buffer.from('y"}]}')]);

    const response = await post(body);

    expectProblem(response, 400, 'validation-error');
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'traces[1].team', in: 'body' })]);
  });

  test.each([
    ['a lone high surrogate', '"\\ud800"'],
    ['a lone low surrogate', '"a\\udc00b"'],
    ['surrogates in the wrong order', '"\\ude00\\ud83d"'],
    ['NUL', '"a\\u0000"'],
  ])('when a string holds %s as an escape, then 400 names the field', async (_what, value) => {
    const response = await post(`{"meta":{"list":[1,{"tag":${value}}]},"ok":"fine"}`);

    expectProblem(response, 400, 'validation-error');
    expect(response.body.invalid_params).toEqual([expect.objectContaining({ name: 'meta.list[1].tag', in: 'body' })]);
  });

  test('when a field name holds a lone surrogate, then 400 names it escaped', async () => {
    const response = await post('{"meta":{"\\ud800":1}}');

    expectProblem(response, 400, 'validation-error');
    expect(response.body.invalid_params[0].name).toBe('meta.\\ud800');
  });

  test('when strings hold well-formed pairs and other characters, then they arrive exactly as sent', async () => {
    const text = '😀 ü \u2028 \uFFFD tab\t';
    const response = await post(JSON.stringify({ text }));

    expect(response.body.body.text).toBe(text);
  });

  test('when objects nest 5,000 levels deep, then 400 names the limit without walking them', async () => {
    const response = await post(`{"metadata":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);

    expectProblem(response, 400, 'validation-error');
    expect(response.body.invalid_params[0].reason).toBe('nests objects and arrays deeper than 64 levels (the limit)');
    expect(response.body.invalid_params[0].name).toMatch(/^metadata(\.a)+$/);
  });

  test('when nesting is exactly at the limit, then the body is accepted, and one level more is refused', async () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

    expect((await post(nested(64))).status).toBe(200);
    expectProblem(await post(nested(65)), 400, 'validation-error');
  });

  test('when brackets appear inside strings, then they do not count as nesting', async () => {
    const response = await post(JSON.stringify({ text: '['.repeat(500), quote: 'a \\" [[[ "' }));

    expect(response.status).toBe(200);
  });

  test.each([
    ['text/plain', 415, 'unsupported-media-type'],
    ['application/json; charset=latin1', 415, 'unsupported-media-type'],
  ])('when the content type is %s, then it is refused', async (contentType, status, type) => {
    expectProblem(await request(app).post('/echo').set('Content-Type', contentType).send('{}'), status, type);
  });

  test.each(['"text"', '12', 'null', '{"a":', '{"a":1}x'])('when the body is %s, then 400 says it is not a JSON object or array', async (body) => {
    expectProblem(await post(body), 400, 'malformed-json');
  });
});
