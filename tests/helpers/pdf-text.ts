/** A small PDF reader: enough of the format pdfkit writes to get the text of each page back. */
import zlib from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** Objects by number, streams inflated. pdfkit writes `N 0 obj <<…>> [stream … endstream] endobj`. */
function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    const body = s.slice(start, end);
    const at = body.indexOf('stream\n');
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body });
    } else {
      const dict = body.slice(0, at);
      const len = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const raw = pdf.subarray(start + at + 7, start + at + 7 + len);
      objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw });
    }
    re.lastIndex = end;
  }
  return objects;
}

const utf16 = (hex: string): string => Buffer.from(hex, 'hex').swap16().toString('utf16le');

/** Glyph code → text, from a ToUnicode CMap (bfchar and bfrange, with or without arrays). */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const e of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(e[1]!, 16), utf16(e[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const e of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(e[1]!, 16);
      const hi = parseInt(e[2]!, 16);
      if (e[3]!.startsWith('[')) {
        [...e[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(lo + i, utf16(d[1]!)));
      } else {
        const first = parseInt(e[3]!.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(first + c - lo));
      }
    }
  }
  return map;
}

/** The text of each page, one string per text object line, decoded through each font's ToUnicode. */
export function extractText(pdf: Buffer): string[] {
  const objects = readObjects(pdf);
  const deref = (d: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(d)?.[1]);
  const pagesDict = [...objects.values()].find((o) => /\/Type \/Pages/.test(o.dict))!.dict;
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesDict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  return kids.map((pageNo) => {
    const page = objects.get(pageNo)!.dict;
    const resources = objects.get(deref(page, 'Resources'))!.dict;
    const fonts = new Map<string, Map<number, string>>();
    for (const f of (/\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const fontDict = objects.get(Number(f[2]))!.dict;
      const tu = deref(fontDict, 'ToUnicode');
      if (tu) fonts.set(f[1]!, parseToUnicode(objects.get(tu)!.stream!.toString('latin1')));
    }
    const content = objects.get(deref(page, 'Contents'))!.stream!.toString('latin1');
    const lines: string[] = [];
    let cmap: Map<number, string> | undefined;
    for (const op of content.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
      if (op[1]) cmap = fonts.get(op[1]);
      else {
        const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[3]!];
        let line = '';
        for (const h of hexes) for (let i = 0; i + 4 <= h.length; i += 4) line += cmap?.get(parseInt(h.slice(i, i + 4), 16)) ?? '\uFFFD';
        lines.push(line);
      }
    }
    return lines.join('\n');
  });
}
