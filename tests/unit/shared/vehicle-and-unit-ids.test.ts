/**
 * The identifiers a 查封 names a vehicle and a flat by: the VIN with its GB 16735 check character,
 * the 28-character 不动产单元号.
 */
import { describe, expect, it } from 'vitest';
import { vinCheckChar, vinProblem } from '../../../shared/ids/vin';
import { unitNumberProblem } from '../../../shared/ids/unit-number';

describe('车辆识别代号 (VIN)', () => {
  it('accepts VINs whose 9th character is their check character, X for a remainder of 10', () => {
    for (const vin of ['1M8GDM9AXKP042788', '11111111111111111', 'LSVAM4187C2184847']) {
      expect(vinCheckChar(vin)).toBe(vin[8]);
      expect(vinProblem(vin)).toBeUndefined();
    }
  });

  it('refuses a wrong check character, I, O or Q, lower case and a wrong length, saying why', () => {
    expect(vinProblem('1M8GDM9A1KP042788')).toEqual({ en: 'its check character (9th) should be X', zh: '第9位校验位应为X' });
    for (const bad of ['1M8GDM9AXKP04278O', '1M8GDM9AXKQ042788', 'IM8GDM9AXKP042788', '1m8gdm9axkp042788', '1M8GDM9AXKP04278', '1M8GDM9AXKP0427881']) {
      expect(vinProblem(bad)?.zh, bad).toBe('应为17位数字或字母（不含I、O、Q）');
    }
  });
});

describe('不动产单元号', () => {
  it('accepts 28 characters: county, cadastral zone, parcel, fixture', () => {
    expect(unitNumberProblem('520102001001GB00001F00010001')).toBeUndefined();
    expect(unitNumberProblem('520103002003JC00012W00000000')).toBeUndefined();
  });

  it('refuses spaces, a wrong length, lower case and an unknown kind of fixture', () => {
    expect(unitNumberProblem('520102 001001 GB00001 F00010001')?.zh).toBe('应为28位，实为31位');
    expect(unitNumberProblem('520102001001GB00001F0001000')?.zh).toBe('应为28位，实为27位');
    expect(unitNumberProblem('520102001001gb00001F00010001')).toBeDefined();
    expect(unitNumberProblem('520102001001GB00001X00010001')).toBeDefined();
  });
});
