// Chart.js, registered tree-shaken: only the pieces the dashboard uses. Import this module ONLY
// through a dynamic `import('./chart.ts')` (ChartCanvas does) so Chart.js stays out of the first
// bundle. Data shaping (lib/chart-data.ts, lib/timeline/*.ts) imports the *types* only.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
  annotationPlugin,
);

// The time scale and its date adapter are in chart-time.ts, loaded only by charts that use one.

// Shared look: the app's system Japanese font stack and text colours (contrast ≥ 4.5:1 on white).
Chart.defaults.font.family =
  "'Hiragino Kaku Gothic ProN', 'Hiragino Sans', 'Yu Gothic UI', 'Yu Gothic', YuGothic, 'Meiryo', 'Noto Sans JP', 'Noto Sans CJK JP', system-ui, sans-serif";
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1b1f24';
Chart.defaults.borderColor = '#d5dae1';
Chart.defaults.animation = false;
Chart.defaults.responsive = true;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.plugins.legend.labels.usePointStyle = true;
Chart.defaults.plugins.tooltip.titleFont = { weight: 'bold' };

export { Chart };

// Configuration types (erased at build time: `import type { … } from './chart.ts'` anywhere is free).
export type {
  ChartConfiguration,
  ChartData,
  ChartDataset,
  ChartOptions,
  ChartType,
  Plugin,
  ScriptableContext,
  ScriptableLineSegmentContext,
  ScriptableScaleContext,
  TooltipItem,
} from 'chart.js';
export type { AnnotationOptions, AnnotationPluginOptions } from 'chartjs-plugin-annotation';
