/** Document numbers: the case number, then 之一, 之二 … 之十一 … for each document of the case. */
import { describe, expect, it } from 'vitest';
import { documentNumber, MAX_DOCUMENT_SEQ, parseDocumentNumber } from '../../shared/documents';

const CASE = '(2025)黔0103执1234号';

describe('documentNumber', () => {
  it('adds the ordinal in Chinese numerals', () => {
    expect(documentNumber(CASE, 1)).toBe('(2025)黔0103执1234号之一');
    expect(documentNumber(CASE, 2)).toBe('(2025)黔0103执1234号之二');
    expect(documentNumber(CASE, 10)).toBe('(2025)黔0103执1234号之十');
    expect(documentNumber(CASE, 11)).toBe('(2025)黔0103执1234号之十一');
    expect(documentNumber(CASE, 20)).toBe('(2025)黔0103执1234号之二十');
    expect(documentNumber(CASE, 21)).toBe('(2025)黔0103执1234号之二十一');
    expect(documentNumber(CASE, 100)).toBe('(2025)黔0103执1234号之一百');
    expect(documentNumber(CASE, 101)).toBe('(2025)黔0103执1234号之一百零一');
    expect(documentNumber(CASE, 110)).toBe('(2025)黔0103执1234号之一百一十');
  });

  it('normalises the case number and keeps its type code', () => {
    expect(documentNumber('（2025）黔0103执1234号', 3)).toBe('(2025)黔0103执1234号之三');
    expect(documentNumber(' (2024)黔01执恢77号 ', 1)).toBe('(2024)黔01执恢77号之一');
    expect(documentNumber('(2025)京执保5号', 12)).toBe('(2025)京执保5号之十二');
  });

  it('refuses a malformed case number or ordinal', () => {
    expect(() => documentNumber('2025黔0103执1234号', 1)).toThrow(/not a case number/);
    expect(() => documentNumber('(2025)黔0103民1234号', 1)).toThrow(/not a case number/);
    for (const seq of [0, -1, 1.5, Number.NaN, MAX_DOCUMENT_SEQ + 1]) {
      expect(() => documentNumber(CASE, seq), String(seq)).toThrow(RangeError);
    }
  });

  it('reads back every number it writes', () => {
    for (let seq = 1; seq <= MAX_DOCUMENT_SEQ; seq++) {
      expect(parseDocumentNumber(documentNumber(CASE, seq))).toEqual({ caseNumber: CASE, seq });
    }
  });

  it('reads a number without ordinal and refuses spellings it never writes', () => {
    expect(parseDocumentNumber(CASE)).toEqual({ caseNumber: CASE, seq: 0 });
    expect(parseDocumentNumber('（2025）黔0103执1234号之二')).toEqual({ caseNumber: CASE, seq: 2 });
    for (const bad of [`${CASE}之一十一`, `${CASE}之零`, `${CASE}之`, `${CASE}之1`, `${CASE}之十零`, '之一', '(2025)黔0103执1234之一']) {
      expect(parseDocumentNumber(bad), bad).toBeNull();
    }
  });
});
