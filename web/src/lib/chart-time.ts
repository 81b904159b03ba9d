// The time scale (工程表's Gantt rows on a date axis) with date-fns and its Japanese locale: loaded
// only by charts that have a `type: 'time'` scale (ChartCanvas looks), so the overview's charts do not
// carry the date adapter. Import ONLY dynamically, after lib/chart.ts.
import { Chart, TimeScale } from 'chart.js';
import 'chartjs-adapter-date-fns';
import { ja } from 'date-fns/locale/ja';

Chart.register(TimeScale);
// Time scales format dates in Japanese (date-fns `ja`), e.g. 'yyyy年M月' patterns and 月 names.
Chart.defaults.set('scales.time', { adapters: { date: { locale: ja } } });

export { Chart };
