// An ECharts chart (SVG renderer, no animation so screenshots and PDFs match the page) with a text label for screen readers and an optional data table.
import { useEffect, useRef, type ReactNode } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, FunnelChart, LineChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export const PALETTE = ['#1f5f8b', '#c2572b', '#2e7d4f', '#7b4fa0', '#a3316f', '#5c6b1f', '#00707a', '#8a5a00'];

export interface ChartProps {
  option: EChartsCoreOption;
  /** what the chart shows, for people who cannot see it */
  label: string;
  height?: number;
  /** the numbers behind the chart, shown on request */
  table?: ReactNode;
  className?: string;
}

export function Chart({ option, label, height = 280, table, className }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg', height });
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: 'system-ui, sans-serif', color: '#1d2330' }, aria: { enabled: false }, ...option });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option, height]);
  return (
    <figure className={`chart ${className ?? ''}`}>
      <div ref={ref} className="chart-canvas" role="img" aria-label={label} data-chart-height={height} />
      <figcaption className="visually-hidden">{label}</figcaption>
      {table ? (
        <details className="chart-table">
          <summary>Show the numbers</summary>
          {table}
        </details>
      ) : null}
    </figure>
  );
}
