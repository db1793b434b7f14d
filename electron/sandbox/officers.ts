/** The officer credential register: officers a court registered with the network beforehand. */
import type { Officer } from '../../shared/domain/types';
import { DEMO_COURT } from './population/docket';

/**
 * The demo court's bureau (docs/sandbox.md): three judges, each with a clerk or an assistant on his
 * team, two division chiefs (a change of the court's receiving accounts needs a second one) and the
 * bureau director.
 */
export const DEMO_OFFICERS: readonly Officer[] = [
  { code: 'F520103001', name: '王立新', court: DEMO_COURT, role: 'judge' },
  { code: 'F520103002', name: '陈晓雪', court: DEMO_COURT, role: 'clerk', team: ['F520103001'] },
  { code: 'F520103003', name: '张国华', court: DEMO_COURT, role: 'chief' },
  { code: 'F520103004', name: '罗静', court: DEMO_COURT, role: 'judge' },
  { code: 'F520103005', name: '杨帆', court: DEMO_COURT, role: 'judge' },
  { code: 'F520103006', name: '吴婷婷', court: DEMO_COURT, role: 'clerk', team: ['F520103004'] },
  { code: 'F520103007', name: '龙俊杰', court: DEMO_COURT, role: 'assistant', team: ['F520103005'] },
  { code: 'F520103008', name: '刘志强', court: DEMO_COURT, role: 'chief' },
  { code: 'F520103009', name: '周建国', court: DEMO_COURT, role: 'director' },
  // a neighbouring court's officer: registered, but not for 黔0103's cases
  { code: 'F520102001', name: '何明', court: '黔0102', role: 'judge' },
];

export class OfficerRegister {
  private readonly byCode: Map<string, Officer>;
  constructor(readonly officers: readonly Officer[] = DEMO_OFFICERS) {
    this.byCode = new Map(officers.map((o) => [o.code, o]));
  }
  get(code: string): Officer | undefined {
    return this.byCode.get(code);
  }
  ofCourt(court: string): Officer[] {
    return this.officers.filter((o) => o.court === court);
  }
}
