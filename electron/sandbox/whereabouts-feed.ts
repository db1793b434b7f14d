/**
 * The sandbox's whereabouts monitoring (docs/sandbox.md, "Whereabouts and control"; docs/domain.md
 * rule 10): a court subscribes a debtor of one of its cases, with the judge's recorded finding, and
 * from then on the feed carries what the agencies see of him — hotel check-ins, rail and air
 * bookings, exit and entry, and the 网格化 community grid's address and activity leads. Seeded
 * events fall on sandbox days after the subscription began, each day drawn from the seed (so a run
 * reproduces); a trainer or a test injects one at will. Also the railway police's 协助临时控制 book.
 */
import { hash32, keyedDraw } from './prng';
import type { SandboxState } from './state';

export const SIGHTING_KINDS = ['hotel', 'rail', 'air', 'exit-entry', 'grid'] as const;
export type SightingKind = (typeof SIGHTING_KINDS)[number];

export interface Subscription {
  id: string;
  court: string;
  caseNumber: string;
  idNumber: string;
  officer: string;
  finding: { ground: 'evading' | 'missing'; recordedAt: string };
  since: number;
  endedAt?: number;
}

export interface SightingEvent {
  seq: number;
  ref: string;
  court: string;
  caseNumber: string;
  idNumber: string;
  kind: SightingKind;
  /** the agency or the grid that saw him */
  source: string;
  place: string;
  /** the train, the flight, the port: what the police need to find him */
  detail: string;
  at: number;
}

export interface ControlRequest {
  id: string;
  court: string;
  caseNumber: string;
  idNumber: string;
  sightingRef: string;
  officer: string;
  state: 'accepted' | 'controlled' | 'not_found';
  acceptedAt: number;
  /** when the police answer (real time, scaled like the channels' latency) */
  settlesAt: number;
  outcome?: 'controlled' | 'not_found';
  station?: string;
}

const SOURCES: Record<SightingKind, string> = {
  hotel: '公安旅馆业治安管理信息系统', rail: '铁路客票系统', air: '民航订座系统', 'exit-entry': '出入境管理局', grid: '网格化社会治理平台',
};
const PLACES: Record<SightingKind, string[]> = {
  hotel: ['贵阳市云岩区 锦江之星(喷水池店)', '遵义市汇川区 如家酒店(香港路店)', '成都市武侯区 汉庭酒店(高升桥店)'],
  rail: ['贵阳北站 → 成都东站 G2886 次', '贵阳东站 → 重庆西站 D1802 次', '遵义站 → 贵阳站 K1234 次'],
  air: ['贵阳龙洞堡 → 广州白云 CZ3478', '贵阳龙洞堡 → 上海虹桥 MU5634'],
  'exit-entry': ['罗湖口岸 出境', '拱北口岸 入境'],
  grid: ['贵阳市南明区花果园街道 第三网格：近期在该处出租屋居住', '贵阳市观山湖区金华园街道 第七网格：在菜场经营摊位'],
};
const DAY_MS = 86_400_000;

export class WhereaboutsBook {
  readonly subscriptions = new Map<string, Subscription>();
  readonly events: SightingEvent[] = [];
  readonly controls = new Map<string, ControlRequest>();
  /** the chance per subscribed debtor and sandbox day of a seeded sighting (0 in tests that inject) */
  rate = 0.2;
  /** the chance the police do not find the debtor where he was seen */
  notFoundRate = 0.2;
  private seeded = new Map<string, number>();

  constructor(private readonly st: SandboxState) {}

  active(court: string, caseNumber: string, idNumber: string): Subscription | undefined {
    return [...this.subscriptions.values()].find((s) => !s.endedAt && s.court === court && s.caseNumber === caseNumber && s.idNumber === idNumber);
  }

  subscribe(s: Omit<Subscription, 'id' | 'since'>): { sub: Subscription; created: boolean } {
    const old = this.active(s.court, s.caseNumber, s.idNumber);
    if (old) return { sub: old, created: false };
    const sub: Subscription = { ...s, id: `WS${String(this.subscriptions.size + 1).padStart(6, '0')}`, since: this.st.clock.now() };
    this.subscriptions.set(sub.id, sub);
    this.seeded.set(sub.id, Math.floor(sub.since / DAY_MS));
    return { sub, created: true };
  }

  unsubscribe(sub: Subscription): void {
    this.seed();
    sub.endedAt ??= this.st.clock.now();
  }

  /** A sighting on the feed; `pick` in [0, 1) chooses the place; a seeded one's reference is its debtor's and day's. */
  add(sub: Subscription, kind: SightingKind, pick: number, at: number, seeded = false): SightingEvent {
    const places = PLACES[kind];
    const place = places[Math.floor(pick * places.length) % places.length]!;
    // a train or a flight is named by its number, what the police need to find him
    const detail = kind === 'rail' || kind === 'air' ? place.split(' ').pop()! : '';
    // cursors and references stay unique across sandbox restarts (a workstation keeps its cursor)
    const seq = Math.max((this.events.at(-1)?.seq ?? 0) + 1, Date.now());
    const ref = seeded ? `WE-${hash32(this.st.seed, sub.idNumber, sub.caseNumber).toString(36).toUpperCase()}-${Math.floor(at / DAY_MS)}` : `WE-${seq.toString(36).toUpperCase()}`;
    const e: SightingEvent = {
      seq, ref, court: sub.court, caseNumber: sub.caseNumber,
      idNumber: sub.idNumber, kind, source: SOURCES[kind], place, detail, at,
    };
    this.events.push(e);
    return e;
  }

  /** the seeded sightings of the days the clock has passed since each subscription (and its last seeding) */
  seed(): void {
    const today = Math.floor(this.st.clock.now() / DAY_MS);
    for (const sub of this.subscriptions.values()) {
      if (sub.endedAt) continue;
      for (let day = (this.seeded.get(sub.id) ?? today) + 1; day <= today; day += 1) {
        if (keyedDraw(this.st.seed, 'whereabouts', sub.idNumber, day) >= this.rate) continue;
        const kind = SIGHTING_KINDS[Math.floor(keyedDraw(this.st.seed, 'whereabouts.kind', sub.idNumber, day) * SIGHTING_KINDS.length)]!;
        this.add(sub, kind, keyedDraw(this.st.seed, 'whereabouts.place', sub.idNumber, day), day * DAY_MS + 2 * 3_600_000, true);
      }
      this.seeded.set(sub.id, today);
    }
  }

  /** what a court's feed carries after a cursor: only sightings of debtors it monitors */
  feed(court: string, after: number, limit: number): SightingEvent[] {
    this.seed();
    return this.events.filter((e) => e.seq > after && e.court === court).slice(0, limit);
  }

  /** a control request as it stands: the police's answer comes once its time has passed */
  settle(c: ControlRequest): ControlRequest {
    if (c.state !== 'accepted' || Date.now() < c.settlesAt) return c;
    const missed = keyedDraw(this.st.seed, 'railway.police', c.id) < this.notFoundRate;
    c.state = missed ? 'not_found' : 'controlled';
    c.outcome = c.state;
    if (!missed) c.station = '成都铁路公安局贵阳铁路公安处 贵阳北站派出所';
    return c;
  }
}

const books = new WeakMap<SandboxState, WhereaboutsBook>();

/** The one book of a running sandbox (kept beside its state, made on first use). */
export function whereaboutsOf(st: SandboxState): WhereaboutsBook {
  let b = books.get(st);
  if (!b) books.set(st, (b = new WhereaboutsBook(st)));
  return b;
}
