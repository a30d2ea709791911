/**
 * npm run bench:pdf — median milliseconds and documents per second for rendering and signing a
 * 12-member pledge (the issue-once cache is bypassed: every iteration renders and signs).
 */
import 'reflect-metadata';
import { saveReport } from './support';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { PledgeDocumentData, renderPledge, renderPledgeForSigning } from '../src/documents/pdf/pledge.pdf';
import { generateKey, issueCertificate, keySigner } from '../src/documents/signing/pades/certificates';
import { addSignatureFields, signField } from '../src/documents/signing/pades/pdf-update';
import { renderSignatureAppearance } from '../src/documents/pdf/signature-appearance.pdf';
import { SigningService } from '../src/documents/signing/signing.service';
import { loadReferenceData } from '../src/database/seed/reference-data';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 60);
const WARMUP = 5;

function pledgeData(i: number): PledgeDocumentData {
  const provinces = ['An Giang', 'Long An', 'Hậu Giang', 'Tiền Giang', 'Vĩnh Long', 'Đồng Tháp', 'Trà Vinh', 'Kiên Giang', 'Cà Mau', 'Bến Tre', 'Sóc Trăng', 'Bạc Liêu'];
  const template = loadReferenceData().criteriaTemplates['CUM6-2020'];
  return {
    documentId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    organizerName: 'Bộ Thông tin và Truyền thông',
    clusterName: 'Cụm thi đua số 8',
    documentNumber: '01/GƯ-CTĐ8',
    place: 'Đồng Tháp',
    date: '2022-03-11',
    title: 'Bản giao ước thi đua năm 2022',
    theme: 'Đoàn kết, sáng tạo, chuyển đổi số',
    legalBases: ['Căn cứ Luật Thi đua, khen thưởng năm 2003;', 'Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ;'],
    purpose: 'Cụ thể hóa các phong trào thi đua yêu nước của các đơn vị thành viên.\nCác đơn vị thống nhất ký kết giao ước thi đua.',
    implementation: 'Các đơn vị thành viên xây dựng kế hoạch, tổ chức thực hiện.\nBản giao ước có hiệu lực kể từ ngày ký.',
    criteria: template.criteria.map((c) => ({ code: c.code, text: c.text, maxPoints: c.maxPoints, kind: 'SCORED' as const, children: [] })),
    totalPoints: 100,
    signatories: provinces.map((p, k) => ({
      unitName: `Sở Thông tin và Truyền thông tỉnh ${p}`,
      mark: k === 0 ? 'Cụm trưởng' : k === 1 ? 'Cụm phó' : null,
      title: 'Giám đốc',
      status: 'Đã ký lúc 09:15 ngày 11/03/2022',
      signer: `Nguyễn Văn ${String.fromCharCode(65 + k)}`,
    })),
    draft: false,
    verifyUrl: `http://localhost:3000/api/documents/${i}/verification`,
  };
}

async function main(): Promise<void> {
  const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'thidua-bench-')), LOG_LEVEL: 'error' });
  const signing = new SigningService(config);
  await signing.ready();
  const once = async (i: number) => {
    const start = process.hrtime.bigint();
    const pdf = await renderPledge(pledgeData(i));
    const rendered = process.hrtime.bigint();
    const signed = await signing.sign(pdf, { name: 'Cụm thi đua số 8', reason: 'Phát hành bản giao ước', location: 'Đồng Tháp' });
    const end = process.hrtime.bigint();
    return { total: Number(end - start) / 1e6, render: Number(rendered - start) / 1e6, sign: Number(end - rendered) / 1e6, bytes: signed.length };
  };
  for (let i = 0; i < WARMUP; i++) await once(i);
  const runs = [];
  const wall = Date.now();
  for (let i = 0; i < ITERATIONS; i++) runs.push(await once(1000 + i));
  const seconds = (Date.now() - wall) / 1000;
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  const totals = runs.map((r) => r.total);
  const report = {
    benchmark: 'signed 12-member pledge PDF (render + PKCS#7 signature)',
    iterations: ITERATIONS,
    medianMs: +pct(totals, 50).toFixed(1),
    p95Ms: +pct(totals, 95).toFixed(1),
    medianRenderMs: +pct(runs.map((r) => r.render), 50).toFixed(1),
    medianSignMs: +pct(runs.map((r) => r.sign), 50).toFixed(1),
    documentsPerSecond: +(ITERATIONS / seconds).toFixed(1),
    bytes: runs[0].bytes,
    node: process.version,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  };
  const incremental = await memberSignatureBench();
  Object.assign(report, incremental);
  saveReport('pdf', report);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`one member signature on a 12-member pledge with 11 signed (no TSA): RSA ${incremental.medianAddMemberSignatureRsaMs} ms, ECDSA ${incremental.medianAddMemberSignatureEcMs} ms (median)\n`);
  process.stdout.write(`median ${report.medianMs} ms (render ${report.medianRenderMs} + sign ${report.medianSignMs}), p95 ${report.p95Ms} ms, ${report.documentsPerSecond} documents/s\n`);
}

/**
 * The time to add one member's signature (an incremental PAdES revision) to a 12-member pledge whose other eleven
 * members have signed: draw its appearance, parse the revisions, write the update, hash, sign (RSA-2048 / ECDSA
 * P-256), no TSA.
 */
async function memberSignatureBench(): Promise<{ medianAddMemberSignatureRsaMs: number; medianAddMemberSignatureEcMs: number; signedPledgeBytes: number }> {
  const ca = generateKey('RSA');
  const caCert = issueCertificate({ commonName: 'bench CA', organization: 'thidua', publicKey: ca, ca: true, validFrom: new Date(), validTo: new Date(Date.now() + 3.6e6 * 24 * 365) }, null, ca);
  const signer = (alg: 'RSA' | 'EC') => {
    const key = generateKey(alg);
    const certificate = issueCertificate({ commonName: `bench ${alg}`, organization: 'thidua', publicKey: key, ca: false, validFrom: new Date(), validTo: new Date(Date.now() + 3.6e6 * 24 * 365) }, { certificate: caCert, key: ca }, ca);
    return keySigner({ key, certificate, chain: [caCert] });
  };
  const { pdf, cells } = await renderPledgeForSigning(pledgeData(7));
  let file = addSignatureFields(pdf, cells.map((c, i) => ({ name: `member-${i + 1}`, page: c.page, rect: c.rect })));
  const rsa = signer('RSA');
  const ec = signer('EC');
  // As the server signs: the Decree 30 appearance (demo signature and seal, holder, time, name) drawn into the cell.
  const appearance = (i: number) => (width: number, height: number) =>
    renderSignatureAppearance({ width, height, signerName: `Người ký ${i}`, unitName: `Sở Nội vụ tỉnh ${i}`, certificateHolder: `bench ${i}`, signingTime: new Date(), seed: `unit-${i}` });
  for (let i = 1; i <= 11; i++) file = await signField(file, { field: `member-${i}`, signer: i % 2 ? rsa : ec, name: `Đơn vị ${i}`, appearance: appearance(i) });
  const median = async (s: typeof rsa) => {
    const times: number[] = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const start = process.hrtime.bigint();
      await signField(file, { field: 'member-12', signer: s, name: 'Đơn vị 12', reason: 'Ký giao ước', location: 'Đồng Tháp', appearance: appearance(12) });
      if (i >= WARMUP) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return +[...times].sort((a, b) => a - b)[Math.floor(times.length / 2)].toFixed(1);
  };
  return { medianAddMemberSignatureRsaMs: await median(rsa), medianAddMemberSignatureEcMs: await median(ec), signedPledgeBytes: file.length };
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
