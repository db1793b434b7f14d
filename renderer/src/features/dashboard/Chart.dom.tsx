/**
 * One echarts chart in a box: drawn on mount, redrawn when its option changes, disposed on unmount.
 * A click on a bar reports its index (the drill-down). Where the page cannot draw (no layout),
 * the chart's box stays empty and the figures beside it still say everything.
 */
import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './chart-setup';

export function Chart({ option, onBar, testId, label }: { option: ChartOption; onBar?: (index: number, series: number) => void; testId: string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const clicked = useRef(onBar);
  clicked.current = onBar;

  useEffect(() => {
    // a box without layout (no width) cannot be drawn in: the figures beside it stay
    if (!box.current || box.current.clientWidth === 0) return;
    try {
      const c = echarts.init(box.current, undefined, { renderer: 'svg' });
      c.on('click', (p) => clicked.current?.(p.dataIndex, p.seriesIndex ?? 0));
      chart.current = c;
    } catch {
      chart.current = null;
    }
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    try {
      chart.current?.setOption(option, true);
    } catch {
      // a chart that cannot be drawn leaves the figures as they are
    }
  }, [option]);

  return <div ref={box} className="dashboard-chart" role="img" aria-label={label} data-testid={testId} />;
}
