// A Chart.js chart with its data as a table beside it: the canvas is a picture for the eye, the table
// is what screen readers and keyboard users read (and what prints).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../../core/i18n.js';
import { words } from './i18n.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

// Distinct hues, dark enough on white (AA for the lines' meaning together with the legend's text).
const PALETTE = ['#0b5cad', '#b3261e', '#1e7b34', '#8a4b00', '#6a1b9a', '#00696f', '#5d4037', '#37474f'];

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

export function ChartFigure(props: {
  id: string;
  title: string;
  kind: 'line' | 'bar';
  labels: string[];
  series: ChartSeries[];
  /** How a value reads in the table (and the tooltip). */
  format: (v: number | null) => string;
  /** The table's first column: what the labels are (month, center…). */
  rowHeader: string;
  max?: number;
}) {
  const t = useT(words);
  const canvas = useRef<HTMLCanvasElement>(null);
  const figure = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: props.kind,
      data: {
        labels: props.labels,
        datasets: props.series.map((s, i) => ({
          label: s.label,
          data: s.values,
          borderColor: PALETTE[i % PALETTE.length],
          backgroundColor: PALETTE[i % PALETTE.length],
          spanGaps: true,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: {
            beginAtZero: true,
            ticks: { precision: 0 },
            ...(props.max !== undefined ? { max: props.max } : {}),
          },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: { label: (c) => `${c.dataset.label}: ${props.format(c.parsed.y as number | null)}` },
          },
        },
      },
    });
    figure.current?.setAttribute('data-chart', 'rendered');
    return () => chart.destroy();
  }, [props.kind, props.labels, props.series, props.format, props.max]);
  return (
    <figure class="card chart" ref={figure} data-testid={`chart-${props.id}`}>
      <figcaption>
        <h2>{props.title}</h2>
      </figcaption>
      <div style={{ position: 'relative', height: '16rem' }}>
        <canvas ref={canvas} role="img" aria-label={props.title} />
      </div>
      <details>
        <summary>{t('chartData')}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{props.rowHeader}</th>
                {props.series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {props.series.map((s) => (
                    <td key={s.label}>{props.format(s.values[i] ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
