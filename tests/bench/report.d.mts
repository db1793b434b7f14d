export interface BenchEntry {
  id: string;
  what: string;
  value: number | null;
  bound: number | null;
  ratio: number | null;
  goal: number;
  better: 'lower' | 'higher';
}
export interface Expected { id: string; what: string; goal: number; better: 'lower' | 'higher' }
export const ENTRY_PREFIX: string;
export function entry(e: { id: string; what: string; value: number | null | undefined; bound?: number | null; goal: number; better?: 'lower' | 'higher' }): BenchEntry;
export function failed(id: string, what: string, error: unknown, goal: number, better?: 'lower' | 'higher'): BenchEntry;
export function emit(e: BenchEntry): void;
export function parseEntries(text: string): BenchEntry[];
export function meets(e: BenchEntry): boolean | null;
export function complete(expected: Expected[], got: BenchEntry[], reasonFor: (x: Expected) => string): BenchEntry[];
export function formatTable(entries: BenchEntry[]): string;
