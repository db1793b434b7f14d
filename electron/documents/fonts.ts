/**
 * Finding a font with Chinese characters for the PDF. In order: a font the deployment ships in
 * resources/fonts (any .ttf, .otf or .ttc, by name), then the system's Noto CJK (Debian's
 * fonts-noto-cjk), then the fonts Windows and macOS carry. Nothing found is an error that says
 * what to install: a ruling printed in empty boxes is worse than none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CjkFont {
  path: string;
  /** for a collection (.ttc): the PostScript name of the face to use, e.g. NotoSerifCJKsc-Regular */
  face?: string;
}

/** A system font to try: where it lives and, for a collection, the face wanted. */
export interface FontCandidate {
  path: string;
  face?: string;
}

export interface FontLookup {
  /** folders searched first (default: resources/fonts of the program) */
  fontDirs?: string[];
  /** system fonts tried next, in order (default: systemFontCandidates()) */
  systemFonts?: FontCandidate[];
}

/**
 * resources/fonts beside the program: two folders up from this file in the source tree
 * (electron/documents/) and from the bundle (dist/main/main.cjs) alike.
 */
export function defaultFontDirs(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dirs = [path.resolve(here, '../../resources/fonts')];
  // A packaged Electron app keeps extra resources beside app.asar.
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) dirs.push(path.join(resourcesPath, 'fonts'));
  return dirs;
}

/** Serif first: court documents are set in 宋体 / 仿宋, which Noto Serif CJK stands in for. */
export function systemFontCandidates(env: NodeJS.ProcessEnv = process.env): FontCandidate[] {
  const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
  return [
    { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
    { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    // Fedora, Arch and others put the same files elsewhere.
    { path: '/usr/share/fonts/google-noto-serif-cjk-fonts/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
    { path: '/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
    { path: '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    { path: path.win32.join(windir, 'Fonts', 'simsun.ttc'), face: 'SimSun' },
    { path: path.win32.join(windir, 'Fonts', 'simfang.ttf') },
    { path: '/System/Library/Fonts/Supplemental/Songti.ttc', face: 'STSongti-SC-Regular' },
    { path: '/System/Library/Fonts/PingFang.ttc', face: 'PingFangSC-Regular' },
  ];
}

export class CjkFontMissingError extends Error {
  readonly code = 'CJK_FONT_MISSING';
  readonly messageZh: string;
  constructor(readonly searched: string[]) {
    const zh = '找不到中文字体，无法生成文书 PDF。请安装 fonts-noto-cjk（Debian/Ubuntu：apt-get install fonts-noto-cjk），或将 .ttf/.otf/.ttc 中文字体放入 resources/fonts。';
    const en = 'No CJK font found, so the document PDF cannot be made. Install the fonts-noto-cjk package (Debian/Ubuntu: apt-get install fonts-noto-cjk), or put a Chinese .ttf/.otf/.ttc font in resources/fonts.';
    super(`${zh}\n${en}\nSearched: ${searched.join(', ') || '(nothing)'}`);
    this.name = 'CjkFontMissingError';
    this.messageZh = zh;
  }
}

const FONT_FILE = /\.(ttf|otf|ttc)$/i;

const isFile = (p: string): boolean => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Reads `length` bytes at `offset` of an open file. */
function readAt(fd: number, offset: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  const n = fs.readSync(fd, b, 0, length, offset);
  return b.subarray(0, n);
}

/** The PostScript name (name ID 6) of the face whose table directory starts at `dir`. */
function postscriptNameAt(fd: number, dir: number): string | undefined {
  const head = readAt(fd, dir, 12);
  if (head.length < 12) return undefined;
  const numTables = head.readUInt16BE(4);
  const records = readAt(fd, dir + 12, numTables * 16);
  for (let i = 0; i + 16 <= records.length; i += 16) {
    if (records.toString('latin1', i, i + 4) !== 'name') continue;
    const tableOffset = records.readUInt32BE(i + 8);
    const table = readAt(fd, tableOffset, records.readUInt32BE(i + 12));
    if (table.length < 6) return undefined;
    const count = table.readUInt16BE(2);
    const strings = table.readUInt16BE(4);
    for (let r = 0; r < count; r++) {
      const at = 6 + r * 12;
      if (at + 12 > table.length) break;
      const platform = table.readUInt16BE(at);
      const nameId = table.readUInt16BE(at + 6);
      const len = table.readUInt16BE(at + 8);
      const off = strings + table.readUInt16BE(at + 10);
      if (nameId !== 6 || off + len > table.length) continue;
      const raw = table.subarray(off, off + len);
      // Windows and Unicode platforms store UTF-16BE; Macintosh stores single bytes.
      if (platform === 3 || platform === 0) return Buffer.from(raw).swap16().toString('utf16le');
      return raw.toString('latin1');
    }
  }
  return undefined;
}

/** The PostScript names of the faces in a font file (several for a .ttc collection). */
export function fontFaceNames(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const head = readAt(fd, 0, 12);
    if (head.toString('latin1', 0, 4) !== 'ttcf') {
      const name = postscriptNameAt(fd, 0);
      return name ? [name] : [];
    }
    const count = head.readUInt32BE(8);
    const offsets = readAt(fd, 12, count * 4);
    const names: string[] = [];
    for (let i = 0; i + 4 <= offsets.length; i += 4) {
      const n = postscriptNameAt(fd, offsets.readUInt32BE(i));
      if (n) names.push(n);
    }
    return names;
  } finally {
    fs.closeSync(fd);
  }
}

/** From a collection, the Simplified Chinese regular face: NotoSerifCJKsc-Regular, STSongti-SC-Regular, SimSun. */
export function pickChineseFace(names: string[]): string | undefined {
  const score = (n: string): number =>
    (/CJK ?sc|(^|[^A-Za-z])SC([^A-Za-z]|$)|Hans|GB|^SimSun$|^SimHei$|^FangSong/i.test(n) ? 2 : 0) + (/Regular|^SimSun$/i.test(n) ? 1 : 0);
  let best: string | undefined;
  for (const n of names) if (best === undefined || score(n) > score(best)) best = n;
  return best;
}

/** A font file given by path; for a collection, its Chinese face is found by name. */
export function fontAt(file: string, face?: string): CjkFont {
  if (!isFile(file)) throw new Error(`font file not found: ${file}`);
  if (!/\.ttc$/i.test(file)) return face ? { path: file, face } : { path: file };
  const names = fontFaceNames(file);
  const chosen = face && names.includes(face) ? face : pickChineseFace(names);
  if (!chosen) throw new Error(`no face found in font collection ${file}`);
  return { path: file, face: chosen };
}

/** The first CJK font found, or CjkFontMissingError naming what was searched. */
export function findCjkFont(lookup: FontLookup = {}): CjkFont {
  const searched: string[] = [];
  for (const dir of lookup.fontDirs ?? defaultFontDirs()) {
    searched.push(path.join(dir, '*.ttf|otf|ttc'));
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      continue;
    }
    // Sorted, so the same folder gives the same font (and the same PDF bytes) every time.
    for (const name of entries.filter((n) => FONT_FILE.test(n)).sort()) {
      const file = path.join(dir, name);
      if (isFile(file)) return fontAt(file);
    }
  }
  for (const c of lookup.systemFonts ?? systemFontCandidates()) {
    searched.push(c.path);
    if (isFile(c.path)) return fontAt(c.path, c.face);
  }
  throw new CjkFontMissingError(searched);
}
