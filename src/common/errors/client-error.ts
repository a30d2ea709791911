import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { ErrorCode } from './error-codes';

/**
 * The answer to a request Node's HTTP parser could not read (a raw non-ASCII byte in the URL, a broken header line,
 * headers too large, a request that never finished), before any route or filter sees it: the one error shape, in
 * Vietnamese, on the raw socket (Fastify's default said "Client Error" in English). A socket already reset or closed
 * gets nothing.
 */
export function answerClientError(error: { code?: string }, socket: Pick<Socket, 'writable' | 'end'>): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return;
  const [status, reason, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', ErrorCode.ValidationFailed, 'Yêu cầu gửi lên quá chậm, máy chủ đã ngừng chờ. Vui lòng gửi lại.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', ErrorCode.PayloadTooLarge, 'Phần đầu (header) của yêu cầu quá lớn.']
        : [400, 'Bad Request', ErrorCode.ValidationFailed, 'Yêu cầu HTTP không đúng định dạng (đường dẫn chứa ký tự chưa mã hóa, hoặc phần đầu của yêu cầu sai cú pháp).'];
  const body = JSON.stringify({ statusCode: status, code, message, details: [], requestId: randomUUID() });
  const head = `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
  socket.end(head + body);
}
