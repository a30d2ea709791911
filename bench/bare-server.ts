/**
 * The references of the HTTP figures: a bare node:http server and a bare Express server answering what
 * /api/health answers, each in its own process as thidua is, measured with the same autocannon settings.
 * Usage: node dist/bench/bare-server.js http|express <port>
 */
import express from 'express';
import { createServer } from 'node:http';

const [kind, port] = process.argv.slice(2);
const body = JSON.stringify({ status: 'ok' });

if (kind === 'express') {
  const app = express();
  app.disable('x-powered-by');
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.listen(Number(port), '127.0.0.1');
} else {
  createServer((req, res) => {
    if (req.url === '/api/health') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } else {
      res.writeHead(404).end();
    }
  }).listen(Number(port), '127.0.0.1');
}
process.on('SIGTERM', () => process.exit(0));
