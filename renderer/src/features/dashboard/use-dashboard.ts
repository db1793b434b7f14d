/** The dashboard's two reads (IPC group `dashboard`): the figures of a period, and the cases behind one figure. */
import { useCallback, useEffect, useState } from 'react';
import type { Dashboard, FigureKey, PeriodRef } from '../../../../shared/domain/dashboard';
import type { CaseClosing, CaseSummary } from '../../../../shared/domain/types';
import type { AppError } from '../../../../shared/errors';
import { api } from '../../store/api-holder';

export interface Drill {
  figure: FigureKey;
  judge?: string;
  way?: CaseClosing;
}

export function useDashboard(period: PeriodRef, judge: string | undefined) {
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    void api().dashboard.read({ period, ...(judge ? { judge } : {}) }).then((r) => {
      if (!live) return;
      if (r.ok) setData(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [period.kind, period.of, judge]); // eslint-disable-line react-hooks/exhaustive-deps
  return { data, error };
}

export function useDrill(period: PeriodRef) {
  const [drill, setDrill] = useState<Drill | null>(null);
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const open = useCallback(async (d: Drill) => {
    setDrill(d);
    setCases(null);
    setError(null);
    const r = await api().dashboard.cases({ period, figure: d.figure, ...(d.judge ? { judge: d.judge } : {}), ...(d.way ? { way: d.way } : {}) });
    if (r.ok) setCases(r.value.items);
    else setError(r.error);
  }, [period]);
  const close = useCallback(() => setDrill(null), []);
  return { drill, cases, error, open, close };
}
