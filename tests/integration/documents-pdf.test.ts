/**
 * Documents as PDF: A4, a Chinese font embedded as a subset, the text recoverable through the
 * font's ToUnicode map (what a reader's search and copy use), the same bytes for the same model
 * (the sha256 attached to a request must be reproducible), and a clear error when no Chinese
 * font exists.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../helpers/pdf-text';
import {
  buildDocument, CjkFontMissingError, documentSha256, findCjkFont, fontFaceNames, generateDocument, renderPdf, resolveFont,
  systemFontCandidates,
} from '../../electron/documents';
import type { DocumentData, DocumentModel } from '../../shared/documents';
import { DOCUMENTS_FOR, type DocumentType } from '../../shared/domain/measures';
import { residentIdCheckChar } from '../../shared/ids/resident-id';

const CASE = '(2025)黔0103执1234号';
/** as the page prints it */
const PRINTED = '（2025）黔0103执1234号';
const PERSON_ID = `52010319800101001${residentIdCheckChar('52010319800101001')}`;
const ALL_TYPES: DocumentType[] = ['协助查询通知书', ...Object.values(DOCUMENTS_FOR).flat()];

function dataFor(type: DocumentType): DocumentData {
  return {
    court: '贵州省贵阳市云岩区人民法院',
    caseNumber: CASE,
    number: type.endsWith('裁定书') ? `${CASE}之一` : `${CASE}之二`,
    rulingNumber: `${CASE}之一`,
    cause: '民间借贷纠纷',
    applicant: { name: '贵州黔城商贸有限公司' },
    debtor: { name: '李四', idNumber: PERSON_ID },
    asset: { kind: 'deposit', institution: '中国工商银行股份有限公司贵阳中华北路支行', identifier: '6222021234567890123' },
    addressee: '中国工商银行股份有限公司',
    amount: 12_345_678,
    period: { start: '2025-03-04', end: '2026-03-03' },
    previousRulingNumber: '(2024)黔0103执988号之二',
    reason: '被执行人已履行生效法律文书确定的全部义务',
    courtAccount: { name: '贵阳市云岩区人民法院', bank: '中国农业银行股份有限公司贵阳云岩支行', account: '23150001040012345' },
    officer: { name: '王五', phone: '0851-85551234' },
    clerk: { name: '赵六' },
    date: '2025-03-04',
  };
}

const pageCount = (pdf: Buffer) => Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);

// ------------------------------------------------------------------------------------------------

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-documents-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('renderPdf', () => {
  const rendered = new Map<DocumentType, { model: DocumentModel; pdf: Buffer; sha256: string }>();
  beforeAll(async () => {
    for (const t of ALL_TYPES) rendered.set(t, await generateDocument(t, dataFor(t)));
  });

  it.each(ALL_TYPES.map((t) => [t]))('%s is an A4 PDF with the Chinese font embedded as a subset', (type) => {
    const { pdf } = rendered.get(type)!;
    const s = pdf.toString('latin1');
    expect(s.startsWith('%PDF-')).toBe(true);
    expect(s.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(s).toContain('/MediaBox [0 0 595.28 841.89]');
    const font = resolveFont();
    const face = font.face ?? fontFaceNames(font.path)[0]!;
    // Subset fonts are named TAG+PostScriptName, the tag six capitals.
    expect(s).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${face.replace(/[-]/g, '\\-')}`));
    expect(s).toMatch(/\/FontFile[23]? \d+ 0 R/);
    expect(s).toContain('/ToUnicode');
    expect(s).toContain('/Encoding /Identity-H');
    // A subset: far smaller than the font file (tens of megabytes for Noto CJK).
    expect(pdf.length).toBeLessThan(Math.min(fs.statSync(font.path).size / 4, 2_000_000));
  });

  it.each(ALL_TYPES.map((t) => [t]))('%s reads back with the case number, court, debtor, amount and date', (type) => {
    const { pdf, model } = rendered.get(type)!;
    const text = extractText(pdf).join('\n');
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain(model.number);
    expect(text).toContain(PRINTED);
    expect(text).toContain('贵州省贵阳市云岩区人民法院');
    expect(text).toContain(PERSON_ID);
    expect(text).toContain('二〇二五年三月四日');
    expect(text).toContain('电子签章');
    if (type !== '协助查询通知书') expect(text).toContain('人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分');
    if (type.endsWith('裁定书')) expect(text).toContain('本裁定立即执行。');
  });

  it('sets the title apart and the signature after the body', () => {
    const { pdf } = rendered.get('冻结裁定书')!;
    const pages = extractText(pdf);
    const lines = pages.join('\n').split('\n');
    expect(lines[0]).toBe('贵州省贵阳市云岩区人民法院');
    expect(lines[1]).toBe('执行裁定书');
    expect(lines[2]).toBe(`${PRINTED}之一`);
    const last = pages.at(-1)!;
    expect(last.indexOf('审判员')).toBeGreaterThan(last.indexOf('冻结期限'));
    expect(last.indexOf('二〇二五年三月四日')).toBeGreaterThan(last.indexOf('审判员'));
    expect(last.indexOf('书记员')).toBeGreaterThan(last.indexOf('二〇二五年三月四日'));
    // The seal's court name is drawn a character at a time along its arc.
    expect(last).toMatch(/贵\n州\n省/);
  });

  it('numbers the pages of a document longer than one page', () => {
    const { pdf } = rendered.get('冻结裁定书')!;
    const n = pageCount(pdf);
    const pages = extractText(pdf);
    expect(pages).toHaveLength(n);
    if (n > 1) pages.forEach((p, i) => expect(p).toContain(`— ${i + 1} —`));
  });

  it('gives the same bytes, and so the same sha256, for the same model', async () => {
    for (const t of ALL_TYPES) {
      const again = await renderPdf(buildDocument(t, dataFor(t)));
      expect(documentSha256(again), t).toBe(rendered.get(t)!.sha256);
      expect(again.equals(rendered.get(t)!.pdf), t).toBe(true);
    }
  });

  it('dates the file by the document, not by the clock', () => {
    const s = rendered.get('扣划裁定书')!.pdf.toString('latin1');
    // 2025-03-04 00:00 in China is 2025-03-03 16:00 UTC; pdfkit writes each info value as an object.
    expect(s).toMatch(/\/CreationDate \d+ 0 R/);
    expect(s.match(/\(D:\d{14}Z\)/g)).toEqual(['(D:20250303160000Z)', '(D:20250303160000Z)']);
  });

  it('gives another digest for another document', async () => {
    const other = await generateDocument('冻结裁定书', { ...dataFor('冻结裁定书'), amount: 12_345_679 });
    expect(other.sha256).not.toBe(rendered.get('冻结裁定书')!.sha256);
    expect(rendered.get('冻结裁定书')!.sha256).not.toBe(rendered.get('协助冻结通知书')!.sha256);
  });

  it('documentSha256 is the lowercase hex sha256 of the bytes', () => {
    const { pdf, sha256 } = rendered.get('协助扣划通知书')!;
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(documentSha256(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('keeps a long table across pages with every row', async () => {
    const long = buildDocument('冻结裁定书', dataFor('冻结裁定书'));
    const terms = long.blocks.find((b) => b.kind === 'terms')!;
    if (terms.kind === 'terms') for (let i = 0; i < 40; i++) terms.rows.push({ label: `附加${i + 1}`, value: `第${i + 1}行` });
    const pdf = await renderPdf(long);
    expect(pageCount(pdf)).toBeGreaterThan(2);
    const text = extractText(pdf).join('\n');
    for (let i = 0; i < 40; i++) expect(text).toContain(`第${i + 1}行`);
    expect(text).toContain('二〇二五年三月四日');
  });

  it('stamps every page of a voided copy 作废 with the reason and the time, leaving the text of the document whole', async () => {
    const long = buildDocument('扣划裁定书', dataFor('扣划裁定书'));
    const terms = long.blocks.find((b) => b.kind === 'terms')!;
    if (terms.kind === 'terms') for (let i = 0; i < 30; i++) terms.rows.push({ label: `附加${i + 1}`, value: `第${i + 1}行` });
    const plain = await renderPdf(long);
    const voided = await renderPdf(long, { voided: { reason: '协助执行单位拒绝扣划：收款账户不是本院登记的执行款专户（COURT_ACCOUNT_INVALID）', at: '2025-03-05T02:03:04.000Z' } });
    expect(documentSha256(voided)).not.toBe(documentSha256(plain));
    const pages = extractText(voided);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      expect(p).not.toContain('\uFFFD');
      expect(p).toContain('作废');
      expect(p).toContain('COURT_ACCOUNT_INVALID');
      expect(p).toContain('2025-03-05 02:03:04');
    }
    expect(extractText(plain).join('\n')).not.toContain('作废');
    expect(pages.join('\n')).toContain('第30行');
  });
});

describe('finding a Chinese font', () => {
  it('fails with the package to install, in Chinese and English, when there is none', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    const model = buildDocument('冻结裁定书', dataFor('冻结裁定书'));
    const attempt = renderPdf(model, { fontDirs: [empty], systemFonts: [{ path: path.join(empty, 'NotoSerifCJK-Regular.ttc') }] });
    await expect(attempt).rejects.toBeInstanceOf(CjkFontMissingError);
    await expect(attempt).rejects.toThrow(/fonts-noto-cjk/);
    await expect(attempt).rejects.toThrow(/找不到中文字体/);
    await expect(attempt).rejects.toThrow(/No CJK font found/);
    try {
      findCjkFont({ fontDirs: [empty, path.join(empty, 'missing')], systemFonts: [] });
    } catch (e) {
      expect((e as CjkFontMissingError).code).toBe('CJK_FONT_MISSING');
      expect((e as CjkFontMissingError).searched).toContain(path.join(empty, '*.ttf|otf|ttc'));
    }
  });

  it('prefers a font in the resources folder, choosing the Simplified Chinese face of a collection', () => {
    const system = systemFontCandidates().find((c) => fs.existsSync(c.path) && c.path.endsWith('.ttc'));
    if (!system) return; // no collection on this machine to lend the folder
    const dir = fs.mkdtempSync(path.join(tmp, 'fonts-'));
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not a font');
    fs.symlinkSync(system.path, path.join(dir, 'court.ttc'));
    const found = findCjkFont({ fontDirs: [dir], systemFonts: [] });
    expect(found.path).toBe(path.join(dir, 'court.ttc'));
    expect(found.face).toMatch(/sc|SC/);
    expect(fontFaceNames(found.path)).toContain(found.face);
  });

  it('falls back to the system Noto CJK face by its PostScript name', () => {
    const noto = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
    if (!fs.existsSync(noto)) return;
    expect(findCjkFont({ fontDirs: [] })).toEqual({ path: noto, face: 'NotoSerifCJKsc-Regular' });
  });

  it('renders with a font given by path', async () => {
    const sans = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    if (!fs.existsSync(sans)) return;
    const pdf = await renderPdf(buildDocument('协助冻结通知书', dataFor('协助冻结通知书')), { fontPath: sans });
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
    expect(extractText(pdf).join('\n')).toContain(`${PRINTED}之二`);
  });

  it('refuses a font without Chinese characters rather than print empty boxes', async () => {
    const latin = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf'].find((f) => fs.existsSync(f));
    if (!latin) return;
    await expect(renderPdf(buildDocument('冻结裁定书', dataFor('冻结裁定书')), { fontPath: latin })).rejects.toThrow(/no Chinese glyphs/);
  });
});
