import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, startTestApp } from '../support/test-app';

/**
 * Requests Node's HTTP parser cannot read never reach a route or the exceptions filter: they are answered on the raw
 * socket (bootstrap's clientErrorHandler), in the one error shape, in Vietnamese. Fastify's default said "Client Error".
 * In process only: through the balancer, HAProxy answers such requests itself.
 */
describe(`requests the HTTP parser cannot read (${TEST_DB})`, { skip: IN_PROCESS_ONLY }, () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await startTestApp();
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => t.close());

  /** Sends the bytes as they are and reads the whole answer. */
  const raw = (bytes: Buffer) =>
    new Promise<{ status: number; headers: string; body: Record<string, unknown> }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
      let out = Buffer.alloc(0);
      socket.on('data', (d: Buffer) => (out = Buffer.concat([out, d])));
      socket.on('error', reject);
      socket.on('close', () => {
        const at = out.indexOf('\r\n\r\n');
        const headers = out.subarray(0, at).toString('latin1');
        const body = out.subarray(at + 4);
        assert.equal(Number(/content-length: (\d+)/i.exec(headers)?.[1]), body.length, 'Content-Length counts the bytes of the Vietnamese text');
        resolve({ status: Number(headers.split(' ')[1]), headers, body: JSON.parse(body.toString('utf8')) as Record<string, unknown> });
      });
    });

  it('a raw non-ASCII byte in the URL, a broken header line, headers too large: the one error shape, in Vietnamese', async () => {
    const cases: Array<[string, Buffer, number, string, RegExp]> = [
      ['a raw byte in the query', Buffer.concat([Buffer.from('GET /api/units?q='), Buffer.from('Đắk Lắk', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: thidua\r\n\r\n')]), 400, 'VALIDATION_FAILED', /^Yêu cầu HTTP không đúng định dạng/],
      ['a header line without a colon', Buffer.from('GET /api/health HTTP/1.1\r\nHost: thidua\r\nBad Header\r\n\r\n'), 400, 'VALIDATION_FAILED', /^Yêu cầu HTTP không đúng định dạng/],
      ['headers over 16 KB', Buffer.from(`GET /api/health HTTP/1.1\r\nHost: thidua\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`), 431, 'PAYLOAD_TOO_LARGE', /^Phần đầu \(header\) của yêu cầu quá lớn\.$/],
    ];
    for (const [what, bytes, status, code, message] of cases) {
      const res = await raw(bytes);
      assert.equal(res.status, status, what);
      assert.match(res.headers, /content-type: application\/json; charset=utf-8/i, what);
      assert.deepEqual([res.body.statusCode, res.body.code, res.body.details], [status, code, []], what);
      assert.match(String(res.body.message), message, what);
      assert.match(String(res.body.requestId), /^[0-9a-f-]{36}$/, what);
    }
    // The server still answers: nothing was left half read.
    assert.equal((await t.http.get('/api/health').expect(200)).body.status, 'ok');
  });
});
