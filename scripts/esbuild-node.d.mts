import type { BuildOptions } from 'esbuild';

export const root: string;
export const external: string[];
export const EVIDENCE_VERIFY: { entry: string; outfile: string };
export function nodeEntry(entry: string, outfile: string): BuildOptions;
