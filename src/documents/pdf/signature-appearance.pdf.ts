import { createHash } from 'node:crypto';
import { formatDateTimeVi, formatDateVi } from '../../common/time';
import { pdfkit } from '../libraries';
import { FONT, fonts } from './fonts';

/** What a member's signed cell shows (Decree 30/2020, Appendix I, II.7–8: signature, seal, signer's name). */
export interface SignatureAppearance {
  /** The field's size in points. */
  width: number;
  height: number;
  /** The signer's name, written under the signature in bold. */
  signerName: string;
  /** The body whose seal is drawn (its name runs round the seal's rim). */
  unitName: string;
  /** The certificate holder (its CN), in small print. */
  certificateHolder: string;
  signingTime: Date;
  /** The signer's signature image (PNG or JPEG); without one a demo signature is drawn from the unit id. */
  signatureImage?: Buffer | null;
  /** The body's seal image (PNG or JPEG, round, red); without one a demo seal is drawn. */
  sealImage?: Buffer | null;
  /** Seeds the demo signature's strokes. */
  seed: string;
  /**
   * The signing authority at the top of the field, over the title printed there ("KT. Giám đốc / Phó Giám đốc":
   * one bold upper-case line per "/"); none when the field starts below the title.
   */
  title?: string;
  /**
   * The member signed on paper (its conference, or a past year entered later): the cell shows the day on the paper
   * and that the secretariat recorded it (its certificate signs the field), with no drawn signature or seal.
   */
  paperSignedOn?: string;
  /**
   * When the member signed (or the paper signature was entered), if well before this digital signature: the field is
   * signed later than the act (a file prepared after it, or anew after another member withdrew). The cell then gives
   * both times, not the later one alone.
   */
  recordedAt?: Date;
}

const NAME_SIZE = 13;
const SMALL = 6.5;
const SEAL_RED = '#d71920';
const INK_BLUE = '#1a3a8f';

/**
 * The appearance of a signed member cell as a one-page PDF of the field's size (imported into the signed file as the
 * widget's form XObject): the signer's image between the title above (on the page) and the name at the foot, the
 * seal over its left third, and in small print the signing time (Vietnam time) and the certificate holder.
 */
export async function renderSignatureAppearance(a: SignatureAppearance): Promise<Buffer> {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({ size: [a.width, a.height], margin: 0, compress: true });
  const f = fonts();
  for (const face of ['regular', 'bold'] as const) doc.registerFont(FONT[face], f[face] as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok, fail) => {
    doc.on('end', () => ok());
    doc.on('error', fail);
  });
  const { width: w, height: h } = a;
  // The cell's printed title under the appearance is covered.
  doc.rect(0, 0, w, h).fill('#ffffff');
  let top = 1;
  doc.fillColor('#000000').font(FONT.bold).fontSize(NAME_SIZE);
  for (const line of (a.title ?? '').split('/').map((t) => t.trim()).filter(Boolean)) {
    doc.text(line.toLocaleUpperCase('vi'), 0, top, { width: w, align: 'center', lineBreak: false, ellipsis: true, height: NAME_SIZE + 4 });
    top += doc.currentLineHeight(true);
  }
  const nameTop = h - NAME_SIZE - 4;
  const smallTop = nameTop - 2 * (SMALL + 1.5) - 2;
  const imageHeight = Math.max(10, smallTop - 2 - top);
  const imageWidth = Math.min(w * 0.7, imageHeight * 2.4);
  const imageLeft = (w - imageWidth) / 2;
  if (a.paperSignedOn) {
    doc.font(FONT.regular).fontSize(9).text(`Đã ký trên bản giấy ngày ${formatDateVi(a.paperSignedOn)}`, 0, top + (imageHeight - 11) / 2, { width: w, align: 'center', lineBreak: false, ellipsis: true, height: 13 });
  } else {
    if (a.signatureImage) doc.image(a.signatureImage, imageLeft, top, { fit: [imageWidth, imageHeight], align: 'center', valign: 'center' });
    else demoSignature(doc, a.seed, imageLeft, top, imageWidth, imageHeight);
    // The seal covers about the left third of the signature (Decree 30, Appendix I, II.8).
    const sealSize = Math.min(imageHeight + 4, w / 2.2);
    const sealLeft = imageLeft + imageWidth / 3 - sealSize * 0.75;
    const sealTop = top + (imageHeight - sealSize) / 2;
    doc.save().opacity(0.85);
    if (a.sealImage) doc.image(a.sealImage, sealLeft, sealTop, { fit: [sealSize, sealSize] });
    else demoSeal(doc, a.unitName, sealLeft + sealSize / 2, sealTop + sealSize / 2, sealSize / 2);
    doc.restore();
  }
  doc.fillColor('#000000').font(FONT.regular).fontSize(SMALL);
  doc.text(`${a.paperSignedOn ? 'Ghi nhận bởi' : 'Ký số bởi'}: ${a.certificateHolder}`, 0, smallTop, { width: w, align: 'center', lineBreak: false, height: SMALL + 2, ellipsis: true });
  const at = (d: Date) => formatDateTimeVi(d.toISOString());
  const when = a.recordedAt
    ? `${a.paperSignedOn ? 'Ghi nhận' : 'Ký'} lúc ${at(a.recordedAt)}; ký số ${at(a.signingTime)}`
    : `Thời gian ${a.paperSignedOn ? 'ghi nhận' : 'ký'}: ${formatDateTimeVi(a.signingTime.toISOString())}`;
  doc.text(when, 0, smallTop + SMALL + 1.5, { width: w, align: 'center', lineBreak: false, ellipsis: true, height: SMALL + 2 });
  doc.font(FONT.bold).fontSize(NAME_SIZE).text(a.signerName, 0, nameTop, { width: w, align: 'center', lineBreak: false, ellipsis: true, height: NAME_SIZE + 4 });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A demo handwritten-like signature: a few smooth loops in blue ink, the same for the same seed. */
function demoSignature(doc: PDFKit.PDFDocument, seed: string, x: number, y: number, width: number, height: number): void {
  const bytes = createHash('sha256').update(seed).digest();
  const mid = y + height * 0.55;
  doc.save().lineWidth(1.1).strokeColor(INK_BLUE).lineCap('round').lineJoin('round');
  doc.moveTo(x + width * 0.05, mid + height * 0.1);
  const loops = 4 + (bytes[0] % 3);
  for (let i = 0; i < loops; i++) {
    const x0 = x + width * (0.1 + (0.75 * i) / loops);
    const x1 = x + width * (0.1 + (0.75 * (i + 1)) / loops);
    const up = height * (0.2 + (bytes[i + 1] / 255) * 0.3);
    doc.bezierCurveTo(x0, mid - up, x1 + width * 0.04, mid - up, (x0 + x1) / 2, mid + height * 0.05);
    doc.bezierCurveTo(x0 + width * 0.02, mid + height * 0.15, x1, mid + height * 0.1, x1, mid);
  }
  doc.bezierCurveTo(x + width * 0.9, mid - height * 0.1, x + width * 0.95, mid + height * 0.2, x + width * 0.6, mid + height * 0.25);
  doc.stroke();
  doc.moveTo(x + width * 0.15, mid + height * 0.3).bezierCurveTo(x + width * 0.4, mid + height * 0.22, x + width * 0.7, mid + height * 0.35, x + width * 0.92, mid + height * 0.2).stroke();
  doc.restore();
}

/** A demo round seal: two red rims, the body's name round the top, a star in the middle. */
function demoSeal(doc: PDFKit.PDFDocument, unitName: string, cx: number, cy: number, r: number): void {
  doc.save().strokeColor(SEAL_RED).fillColor(SEAL_RED);
  doc.lineWidth(Math.max(0.8, r / 18)).circle(cx, cy, r - 0.5).stroke();
  doc.lineWidth(0.5).circle(cx, cy, r * 0.62).stroke();
  const star: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const radius = i % 2 ? r * 0.16 : r * 0.4;
    star.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  doc.polygon(...star).fill();
  const text = unitName.toLocaleUpperCase('vi');
  // The name runs round at most 290° of the rim, from the lower left over the top to the lower right.
  let size = r * 0.22;
  doc.font(FONT.bold).fontSize(size);
  const fit = (Math.PI * 1.6 * (r * 0.8 - size * 0.35)) / doc.widthOfString(text);
  if (fit < 1) size = Math.max(2.5, size * fit);
  doc.fontSize(size);
  const textRadius = r * 0.8 - size * 0.35;
  const total = doc.widthOfString(text) / textRadius;
  let angle = -Math.PI / 2 - total / 2;
  for (const ch of text) {
    const cw = doc.widthOfString(ch) / textRadius;
    const at = angle + cw / 2;
    doc.save().translate(cx + textRadius * Math.cos(at), cy + textRadius * Math.sin(at)).rotate(((at + Math.PI / 2) * 180) / Math.PI);
    doc.text(ch, -doc.widthOfString(ch) / 2, -size / 2, { lineBreak: false });
    doc.restore();
    angle += cw;
  }
  doc.restore();
}

/** True when the bytes are a PNG or JPEG image pdfkit can draw (what a signature or seal image must be). */
export function isDrawableImage(bytes: Buffer): boolean {
  const png = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const jpeg = bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
  if (!png && !jpeg) return false;
  try {
    const PDFDocument = pdfkit();
    const doc = new PDFDocument({ autoFirstPage: false });
    (doc as unknown as { openImage(b: Buffer): { width: number; height: number } }).openImage(bytes);
    return true;
  } catch {
    return false;
  }
}
