// Plain data for ChartFigure's legend and 「表で見る」 table (no Chart.js here).

/** One legend entry, drawn as a short line sample (colour + dash + point marker) and text. */
export interface LegendEntry {
  label: string;
  color: string;
  /** Dash pattern of the line (same numbers as Chart.js borderDash); [] or omitted = solid. */
  dash?: number[];
  /** Point marker drawn on the sample. */
  marker?: 'circle' | 'rect' | 'triangle' | 'none';
  /** 'line' (default) or 'box' (a filled swatch, e.g. a bar or a shaded period). */
  kind?: 'line' | 'box';
  /** Fill colour of a 'box' entry (defaults to `color`). */
  fill?: string;
}

export interface FigureColumn {
  label: string;
  /** Right-aligned, tabular numbers. */
  numeric?: boolean;
}

export interface FigureRow {
  /** The row header (first column, `<th scope="row">`). */
  header: string;
  /** The other cells, already formatted for display. */
  cells: string[];
  /** e.g. a future quarter: shown muted and announced by the header text. */
  muted?: boolean;
}

/** The same numbers as a chart, as a table. columns[0] is the row-header column. */
export interface FigureTable {
  caption: string;
  columns: FigureColumn[];
  rows: FigureRow[];
}
