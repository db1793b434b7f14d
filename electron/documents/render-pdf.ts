/**
 * A DocumentModel set as an A4 PDF the way court documents are laid out (GB/T 9704 page: margins
 * 37/35/28/26 mm, body in 16 pt (三号) on a 22-line grid): court name and title centred, number
 * right-aligned, body indented two characters, the measure's terms as a ruled table, and the
 * signature bottom right with the date in Chinese numerals under a red seal placeholder.
 *
 * The same model gives the same bytes (the sha256 attached to the request must be reproducible):
 * the creation date is the document's date, the file ID derives from it, and the font subset's
 * tag derives from the font's resource name; nothing random or clock-dependent goes in.
 */
import { sha256Hex } from '../gateway/signing';
import PDFDocument from 'pdfkit';
import type { DocumentModel, ParagraphBlock, SignatureBlock, TermsBlock } from '../../shared/documents/model';
import { findCjkFont, fontAt, type CjkFont, type FontLookup } from './fonts';

export interface RenderOptions extends FontLookup {
  /** a font file to use instead of the lookup (.ttc: the Chinese face is found by name) */
  fontPath?: string;
  /** for a .ttc given by fontPath: the face's PostScript name */
  fontFace?: string;
  /** 作废: a copy of a document whose measure was refused carries the stamp on every page */
  voided?: { reason: string; at: string };
}

type Doc = PDFKit.PDFDocument;

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FONT = 'cjk';
const SIZE = { court: 22, title: 26, body: 16, table: 13, caption: 15, seal: 11, footer: 13 } as const;
/** 22 lines in the 225 mm text block (GB/T 9704). */
const BODY_PITCH = (225 * MM) / 22;
const RED = '#D1141B';
const SEAL_RADIUS = 21 * MM; // a 42 mm court seal
const INK = '#000000';

/** The Chinese-face font to embed: the given file, or the lookup's first find. */
export function resolveFont(opts: RenderOptions = {}): CjkFont {
  return opts.fontPath ? fontAt(opts.fontPath, opts.fontFace) : findCjkFont(opts);
}

/** Midnight (CST) of the document's date: the PDF's creation date, so the bytes never depend on the clock. */
function documentInstant(date: string): Date {
  const d = new Date(`${date}T00:00:00+08:00`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`the document date is not valid: ${date}`);
  return d;
}

/** Line gap that puts lines of `size` on a pitch of `pitch` points. */
function gapFor(doc: Doc, size: number, pitch: number): number {
  doc.fontSize(size);
  return Math.max(0, pitch - doc.currentLineHeight(true));
}

const bottomLimit = () => PAGE.height - MARGIN.bottom;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit()) {
    doc.addPage();
    doc.y = MARGIN.top;
  }
}

function drawHeader(doc: Doc, model: DocumentModel): void {
  doc.fillColor(INK).font(FONT);
  doc.fontSize(SIZE.court).text(model.court, MARGIN.left, MARGIN.top, { width: TEXT_WIDTH, align: 'center', characterSpacing: 1 });
  doc.moveDown(0.35);
  // 标题: large, spaced, set heavier by stroking the outline as well (the embedded face is regular).
  const spacing = model.title.length <= 6 ? SIZE.title * 0.5 : SIZE.title * 0.15;
  const titleWidth = doc.fontSize(SIZE.title).widthOfString(model.title, { characterSpacing: spacing }) - spacing;
  const titleY = doc.y;
  doc.save().lineWidth(0.7).strokeColor(INK);
  doc.text(model.title, MARGIN.left + (TEXT_WIDTH - titleWidth) / 2, titleY, { characterSpacing: spacing, lineBreak: false, fill: true, stroke: true });
  doc.restore();
  doc.x = MARGIN.left;
  doc.y = titleY + doc.currentLineHeight(true);
  doc.moveDown(0.5);
  doc.fontSize(SIZE.body).text(model.number, MARGIN.left, doc.y, { width: TEXT_WIDTH, align: 'right' });
  doc.moveDown(0.5);
  if (model.addressee) {
    doc.text(`${model.addressee}：`, MARGIN.left, doc.y, { width: TEXT_WIDTH, lineGap: gapFor(doc, SIZE.body, BODY_PITCH) });
  }
}

function drawParagraph(doc: Doc, p: ParagraphBlock): void {
  const lineGap = gapFor(doc, SIZE.body, BODY_PITCH);
  // Keep at least two lines of a paragraph together at the foot of a page.
  ensureSpace(doc, Math.min(doc.heightOfString(p.text, { width: TEXT_WIDTH, lineGap }), 2 * BODY_PITCH));
  doc.fillColor(INK).fontSize(SIZE.body).text(p.text, MARGIN.left, doc.y, {
    width: TEXT_WIDTH,
    lineGap,
    indent: p.style === 'body' ? 2 * SIZE.body : 0,
    align: 'left',
  });
}

function drawTerms(doc: Doc, t: TermsBlock): void {
  const pad = { x: 6, y: 5 };
  const labelWidth = 8 * SIZE.table + 2 * pad.x;
  const valueWidth = TEXT_WIDTH - labelWidth;
  const lineGap = 3;
  doc.fontSize(SIZE.table);
  const heights = t.rows.map((r) => Math.max(
    doc.heightOfString(r.label, { width: labelWidth - 2 * pad.x, lineGap }),
    doc.heightOfString(r.value, { width: valueWidth - 2 * pad.x, lineGap }),
  ) + 2 * pad.y);
  doc.moveDown(0.4);
  const captionHeight = t.caption ? SIZE.caption * 2 : 0;
  if (t.caption) {
    // A caption never stands at the foot of a page without the first two rows under it.
    ensureSpace(doc, captionHeight + (heights[0] ?? 0) + (heights[1] ?? 0));
    doc.fontSize(SIZE.caption).text(t.caption, MARGIN.left, doc.y, { width: TEXT_WIDTH, align: 'center' });
    doc.moveDown(0.3);
  }
  t.rows.forEach((r, i) => {
    const h = heights[i]!;
    ensureSpace(doc, h);
    const y = doc.y;
    doc.fontSize(SIZE.table).fillColor(INK);
    const labelH = doc.heightOfString(r.label, { width: labelWidth - 2 * pad.x, lineGap });
    doc.text(r.label, MARGIN.left + pad.x, y + (h - labelH) / 2, { width: labelWidth - 2 * pad.x, align: 'center', lineGap });
    const valueH = doc.heightOfString(r.value, { width: valueWidth - 2 * pad.x, lineGap });
    doc.text(r.value, MARGIN.left + labelWidth + pad.x, y + (h - valueH) / 2, { width: valueWidth - 2 * pad.x, lineGap });
    doc.save().lineWidth(0.75).strokeColor(INK);
    doc.rect(MARGIN.left, y, labelWidth, h).stroke();
    doc.rect(MARGIN.left + labelWidth, y, valueWidth, h).stroke();
    doc.restore();
    doc.x = MARGIN.left;
    doc.y = y + h;
  });
  doc.moveDown(0.6);
}

/** A five-pointed star centred on (cx, cy). */
function star(cx: number, cy: number, outer: number): number[][] {
  const inner = outer * 0.382;
  const pts: number[][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return pts;
}

/**
 * Where the court's electronic seal is applied: a red ring with a star, the court's name along the
 * upper arc and 电子签章 below: a placeholder, translucent so the date under it stays legible.
 */
function drawSeal(doc: Doc, cx: number, cy: number, seal: SignatureBlock['seal']): void {
  const x0 = doc.x;
  const y0 = doc.y;
  const r = SEAL_RADIUS;
  doc.save();
  doc.strokeOpacity(0.8).fillOpacity(0.8).strokeColor(RED).fillColor(RED);
  doc.lineWidth(2.6).circle(cx, cy, r).stroke();
  doc.polygon(...star(cx, cy - r * 0.02, r * 0.3)).fill();
  const chars = [...seal.court];
  const size = Math.min(SIZE.seal * 1.25, (r * 0.95 * Math.PI * 1.25) / Math.max(chars.length, 1));
  doc.font(FONT).fontSize(size);
  const lh = doc.currentLineHeight();
  const textRadius = r - 4 - lh * 0.55;
  const step = Math.min((size * 1.12) / textRadius, (Math.PI * 1.35) / Math.max(chars.length - 1, 1));
  const start = -Math.PI / 2 - (step * (chars.length - 1)) / 2;
  chars.forEach((ch, i) => {
    const a = start + i * step;
    const px = cx + textRadius * Math.cos(a);
    const py = cy + textRadius * Math.sin(a);
    doc.save();
    doc.rotate((a * 180) / Math.PI + 90, { origin: [px, py] });
    doc.text(ch, px - doc.widthOfString(ch) / 2, py - lh / 2, { lineBreak: false });
    doc.restore();
  });
  doc.fontSize(SIZE.seal);
  const label = seal.label;
  doc.text(label, cx - doc.widthOfString(label) / 2, cy + r * 0.42, { lineBreak: false });
  doc.restore();
  doc.x = x0;
  doc.y = y0;
}

function drawSignature(doc: Doc, s: SignatureBlock): void {
  const lineGap = gapFor(doc, SIZE.body, BODY_PITCH);
  doc.fontSize(SIZE.body);
  const lines: { text: string; isDate?: boolean; isCourt?: boolean }[] = [
    ...s.signatories.map((p) => ({ text: `${p.title}　　${p.name}` })),
    ...(s.showCourt ? [{ text: s.court, isCourt: true }] : []),
    { text: s.dateText, isDate: true },
    ...(s.clerk ? [{ text: `${s.clerk.title}　　${s.clerk.name}` }] : []),
  ];
  // Blank line, the lines, and room for the seal to hang below the date.
  ensureSpace(doc, BODY_PITCH * (lines.length + 1) + SEAL_RADIUS * 0.6);
  doc.y += BODY_PITCH;
  // Right edge four characters in from the margin, where the date of a document is set.
  const right = MARGIN.left + TEXT_WIDTH - 4 * SIZE.body;
  const widest = Math.max(...lines.filter((l) => l.isDate || l.isCourt).map((l) => doc.widthOfString(l.text)));
  const centre = right - widest / 2;
  const lineHeight = doc.currentLineHeight();
  const top = doc.y;
  const placed = lines.map((l, i) => {
    const w = doc.widthOfString(l.text);
    // Court and date are centred on each other; signatories and clerk align on the right.
    return { ...l, x: l.isDate || l.isCourt ? centre - w / 2 : right - w, y: top + i * (lineHeight + lineGap) };
  });
  const date = placed.find((l) => l.isDate)!;
  const court = placed.find((l) => l.isCourt);
  // The seal sits over the date (and the court's name on a notice); drawn first, so the black
  // text stays legible on top of the red as it does on a stamped paper.
  drawSeal(doc, centre, court ? (court.y + date.y + lineHeight) / 2 : date.y + lineHeight / 2, s.seal);
  doc.fontSize(SIZE.body).fillColor(INK);
  for (const l of placed) doc.text(l.text, l.x, l.y, { lineBreak: false });
  doc.x = MARGIN.left;
  doc.y = top + placed.length * (lineHeight + lineGap);
}

/**
 * 作废 across every page in red, framed, with the reason and the time at the head of the page, so
 * a printed or exported copy of a refused measure's document cannot pass for one in force.
 */
function drawVoidStamp(doc: Doc, voided: { reason: string; at: string }): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    const top = doc.page.margins.top;
    doc.page.margins.bottom = 0;
    doc.page.margins.top = 0;
    const cx = PAGE.width / 2;
    const cy = PAGE.height / 2;
    doc.save();
    doc.rotate(-30, { origin: [cx, cy] });
    doc.strokeOpacity(0.75).fillOpacity(0.75).strokeColor(RED).fillColor(RED).lineWidth(4);
    doc.rect(cx - 150, cy - 70, 300, 140).stroke();
    doc.font(FONT).fontSize(96);
    const w = doc.widthOfString('作废', { characterSpacing: 24 }) - 24;
    doc.text('作废', cx - w / 2, cy - doc.currentLineHeight() / 2, { characterSpacing: 24, lineBreak: false });
    doc.restore();
    doc.save().fillColor(RED).font(FONT).fontSize(SIZE.footer);
    doc.text(`作废　${voided.reason}　${voided.at.slice(0, 19).replace('T', ' ')}`, MARGIN.left, 12 * MM, { width: TEXT_WIDTH, align: 'center' });
    doc.restore();
    doc.page.margins.bottom = bottom;
    doc.page.margins.top = top;
  }
}

/** "— 1 —" at the foot of every page, when there is more than one (of the pages given: one document of a combined print). */
function drawPageNumbers(doc: Doc, range: { start: number; count: number } = doc.bufferedPageRange()): void {
  if (range.count < 2) return;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing below the bottom margin would start a new page: lift the margin while writing.
    doc.page.margins.bottom = 0;
    doc.font(FONT).fontSize(SIZE.footer).fillColor(INK);
    doc.text(`— ${i - range.start + 1} —`, MARGIN.left, PAGE.height - MARGIN.bottom + 14 * MM, { width: TEXT_WIDTH, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

function drawModel(doc: Doc, model: DocumentModel): void {
  drawHeader(doc, model);
  for (const b of model.blocks) {
    if (b.kind === 'paragraph') drawParagraph(doc, b);
    else if (b.kind === 'terms') drawTerms(doc, b);
    else drawSignature(doc, b);
  }
}

/** The document as PDF bytes. Throws CjkFontMissingError when no Chinese font can be found. */
export async function renderPdf(model: DocumentModel, opts: RenderOptions = {}): Promise<Buffer> {
  return renderDocuments([model], model, opts);
}

/**
 * Several documents in one PDF to print at once, each from a new page with its own page numbers;
 * `info` gives the file's title and date. The documents themselves stay those stored one by one.
 */
export async function renderPdfs(models: readonly DocumentModel[], info: Pick<DocumentModel, 'title' | 'number' | 'court' | 'type' | 'caseNumber' | 'date'>, opts: RenderOptions = {}): Promise<Buffer> {
  if (models.length === 0) throw new RangeError('no document to print');
  return renderDocuments(models, info, opts);
}

async function renderDocuments(models: readonly DocumentModel[], model: Pick<DocumentModel, 'title' | 'number' | 'court' | 'type' | 'caseNumber' | 'date'>, opts: RenderOptions): Promise<Buffer> {
  const font = resolveFont(opts);
  const created = documentInstant(model.date);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${model.title} ${model.number}`,
      Author: model.court,
      Subject: model.type,
      Keywords: model.caseNumber,
      Creator: 'Chakong Desk',
      Producer: 'Chakong Desk',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont(FONT, font.path, font.face);
    doc.font(FONT);
    assertChinese(doc, font);
    const ranges = models.map((m, i) => {
      if (i > 0) doc.addPage();
      const start = doc.bufferedPageRange().count;
      drawModel(doc, m);
      return { start: start - 1, count: doc.bufferedPageRange().count - start + 1 };
    });
    for (const r of ranges) drawPageNumbers(doc, r);
    if (opts.voided) drawVoidStamp(doc, opts.voided);
  } catch (e) {
    doc.end();
    await done.catch(() => undefined);
    throw e;
  }
  doc.end();
  return done;
}

/**
 * A font without Chinese glyphs (a Latin font dropped into resources/fonts) would print a ruling
 * of empty boxes; refuse it. Reads pdfkit's loaded fontkit face where it is exposed.
 */
function assertChinese(doc: Doc, font: CjkFont): void {
  const face = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font?.font;
  if (typeof face?.hasGlyphForCodePoint === 'function' && !face.hasGlyphForCodePoint(0x6cd5 /* 法 */)) {
    throw new Error(`字体 ${font.path} 不含中文字形 / the font ${font.path}${font.face ? ` (${font.face})` : ''} has no Chinese glyphs`);
  }
}

/** The digest attached to the request with the document (DocumentRef.sha256), lowercase hex. */
export function documentSha256(pdf: Uint8Array): string {
  return sha256Hex(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}
