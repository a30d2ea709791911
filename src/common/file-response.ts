import { Logger } from '@nestjs/common';
import { Transform, type Writable } from 'node:stream';
import type { HttpResponse } from './http';

/** A Content-Disposition header with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentHeader(fileName: string, inline = false): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '_');
  // RFC 5987 attr-chars only: encodeURIComponent leaves ' ( ) * and ! as they are.
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file the application generated (PDF, Excel), with the identity of a registered document when it has one. */
export interface GeneratedFile {
  fileName: string;
  content: Buffer;
  documentId?: string;
  sha256?: string;
}

/**
 * The one ending of a download of a generated file: its type, its name (attachment, or inline when the page
 * asks for it with ?inline=1 to show it in a frame), and for a registered document its id and digest.
 */
export function sendDocument(res: HttpResponse, file: GeneratedFile, type: string, options: { inline?: boolean } = {}): void {
  void res.header('Content-Type', type);
  void res.header('Content-Disposition', attachmentHeader(file.fileName, options.inline ?? false));
  if (file.documentId) void res.header('X-Document-Id', file.documentId);
  if (file.sha256) void res.header('X-Document-Sha256', file.sha256);
  void res.send(file.content);
}

/** A generated file written straight to the response: its name, and the writer that ends the stream it is given. */
export interface StreamedFile {
  fileName: string;
  write(out: Writable): Promise<void>;
}

/**
 * Streams a generated file to the response. Everything that can refuse the request is done before (the
 * writer only writes), so an error the writer meets before the first byte still goes to the exception filter
 * as a JSON error; after it, the status is sent and the only honest ending is to cut the connection.
 *
 * The writer writes into a stream that Fastify sends from its first byte on (with the headers the reply holds);
 * before that byte nothing is sent, so the reply can still answer an error.
 */
export async function streamDocument(res: HttpResponse, file: StreamedFile, type: string): Promise<void> {
  void res.header('Content-Type', type);
  void res.header('Content-Disposition', attachmentHeader(file.fileName));
  let started = false;
  const out = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!started) {
        started = true;
        void res.send(out);
      }
      callback(null, chunk);
    },
  });
  // A client that goes away never lets the response finish: stop waiting for it then.
  const gone = new Promise<void>((resolve) => res.raw.once('close', resolve));
  try {
    await Promise.race([file.write(out), gone]);
    if (!started) {
      // A file of no bytes: the stream ended before any write.
      started = true;
      void res.send(out);
    }
  } catch (e) {
    if (!started) {
      void res.removeHeader('Content-Disposition');
      throw e;
    }
    const error = e instanceof Error ? e : new Error(String(e));
    new Logger('Download').error(`${file.fileName} cut off after its first bytes: ${error.stack ?? error.message}`);
    out.destroy(error);
    res.raw.destroy(error);
  }
}

/**
 * Sends a file that a user uploaded (evidence, achievement report). Such a file is never shown inline from the
 * application's origin: always an attachment, its type not sniffed, and a sandboxing policy in case a browser
 * renders it anyway (a PDF or SVG with a script then runs in an opaque origin with nothing allowed).
 */
export function sendUploadedFile(res: HttpResponse, file: { fileName: string; mimeType: string; content: Buffer }): void {
  void res.header('X-Content-Type-Options', 'nosniff');
  void res.header('Content-Security-Policy', "sandbox; default-src 'none'");
  sendDocument(res, { fileName: file.fileName, content: file.content }, file.mimeType);
}
