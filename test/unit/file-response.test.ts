import assert from 'node:assert/strict';
import { get, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { StreamedFile, streamDocument } from '../../src/common/file-response';
import { ScoreboardData, writeScoreboard } from '../../src/documents/excel/scoreboard-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const data: ScoreboardData = {
  clusterName: 'Cụm thi đua số 6',
  organizerName: 'Bộ Khoa học và Công nghệ',
  year: 2024,
  ruleLabel: 'Điểm cụm thống nhất',
  published: true,
  criteria: [{ code: 'TC1', maxPoints: 15 }, { code: 'TC2', maxPoints: 10 }],
  rows: [
    { rank: 1, tie: false, unitCode: 'DL', unitName: 'Sở TTTT Đắk Lắk', total: 24.5, bonus: 0, penalty: 0, criteriaAtMax: 1, band: 'Xuất sắc', selfTotal: 25, sheetsUsed: 1, finalPoints: [15, 9.5], reasons: 'Điểm cuối cùng 24,5.' },
    { rank: null, tie: false, unitCode: 'GL', unitName: 'Sở TTTT Gia Lai', total: null, bonus: null, penalty: null, criteriaAtMax: null, band: null, selfTotal: null, sheetsUsed: 0, finalPoints: [null, null], reasons: 'Chưa có phiếu.' },
  ],
  sheets: [{ scorerName: 'Sở TTTT Gia Lai', kindLabel: 'Chấm chéo', targetName: 'Sở TTTT Đắk Lắk', total: 24.5, statusLabel: 'Đã khóa', counted: false }],
  flags: [],
};

/** What the route handler does with what streamDocument answers: a JSON error when nothing was sent yet. */
let server: FastifyInstance;
let writer: StreamedFile['write'];
before(async () => {
  server = Fastify();
  server.get('/', async (_req, reply) => {
    try {
      await streamDocument(reply, { fileName: 'Bảng điểm.xlsx', write: (out) => writer(out) }, XLSX);
    } catch (e) {
      void reply.code(500).header('Content-Type', 'application/json').send(JSON.stringify({ message: (e as Error).message }));
    }
    return reply;
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
});
after(() => server.close());

function fetchRaw(): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`http://127.0.0.1:${(server.server.address() as AddressInfo).port}/`, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('streamed downloads (the scoreboard)', () => {
  it('streams the scoreboard workbook with its name, and exceljs reads it back', async () => {
    writer = (out) => writeScoreboard(out, data);
    const res = await fetchRaw();
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], XLSX);
    assert.match(res.headers['content-disposition']!, /^attachment; filename="Bang_diem.xlsx"; filename\*=UTF-8''B%E1%BA%A3ng%20%C4%91i%E1%BB%83m\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Tổng hợp', 'Chi tiết tiêu chí', 'Ma trận chấm chéo', 'Danh sách phiếu', 'Cảnh báo']);
    const summary = wb.getWorksheet('Tổng hợp')!;
    assert.deepEqual((summary.getRow(4).values as unknown[]).slice(1, 4), [1, 'Sở TTTT Đắk Lắk', 24.5]);
    assert.equal(summary.getCell('A5').value, '—');
    assert.equal(summary.getCell('C4').font.name, 'Times New Roman');
    assert.equal(summary.getCell('A3').fill.type, 'pattern', 'the header row is shaded');
    assert.equal(summary.getCell('A4').alignment.vertical, 'top');
    const matrix = wb.getWorksheet('Ma trận chấm chéo')!;
    assert.deepEqual([matrix.getCell('B3').value, matrix.getCell('C3').value], ['—', null]);
    assert.equal(matrix.getCell('B4').value, 24.5, 'Gia Lai scored Đắk Lắk: row Gia Lai, column Đắk Lắk');
  });

  it('an error before the first byte is still the caller to answer (a JSON error, no attachment header)', async () => {
    writer = async () => {
      throw new Error('chưa ghi gì');
    };
    const res = await fetchRaw();
    assert.equal(res.status, 500);
    assert.equal(res.headers['content-disposition'], undefined);
    assert.deepEqual(JSON.parse(res.body.toString('utf8')), { message: 'chưa ghi gì' });
  });

  it('an error after bytes were sent cuts the connection: the client never takes a truncated file as whole', async () => {
    writer = async (out) => {
      out.write(Buffer.from('PK'));
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('hỏng giữa chừng');
    };
    await assert.rejects(fetchRaw(), /aborted|socket hang up|ECONNRESET/);
  });
});
