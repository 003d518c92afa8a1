// The report as a plain-text table: one row per metric, one column per policy.
import type { SimReport } from './metrics.js';

interface Row {
  label: string;
  value: (r: SimReport) => number;
  format: (x: number) => string;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const num = (digits: number) => (x: number) => x.toFixed(digits);

const ROWS: Row[] = [
  { label: 'watch time / session (s)', value: (r) => r.watchTimePerSession, format: num(1) },
  { label: 'swipes / session', value: (r) => r.swipesPerSession, format: num(1) },
  { label: 'watch ratio', value: (r) => r.watchRatio, format: num(3) },
  { label: 'completion rate', value: (r) => r.completionRate, format: pct },
  { label: 'quick-skip rate', value: (r) => r.quickSkipRate, format: pct },
  { label: 'like rate', value: (r) => r.likeRate, format: pct },
  { label: 'share rate', value: (r) => r.shareRate, format: (x) => `${(100 * x).toFixed(2)}%` },
  { label: 'follow rate', value: (r) => r.followRate, format: (x) => `${(100 * x).toFixed(2)}%` },
  {
    label: 'not-interested rate',
    value: (r) => r.notInterestedRate,
    format: (x) => `${(100 * x).toFixed(2)}%`,
  },
  { label: 'time to personalise (swipes)', value: (r) => r.timeToPersonalise, format: num(2) },
  { label: 'personalised in 1st session', value: (r) => r.personalisedShare, format: pct },
  { label: 'catalog coverage', value: (r) => r.coverage, format: pct },
  { label: 'creator exposure Gini', value: (r) => r.creatorGini, format: num(3) },
  { label: 'new videos shown', value: (r) => r.newVideosShown, format: pct },
  {
    label: 'new video to 1st view (min)',
    value: (r) => r.minutesToFirstImpression ?? NaN,
    format: (x) => (Number.isNaN(x) ? '-' : x.toFixed(1)),
  },
  { label: 'sessions', value: (r) => r.sessions, format: num(0) },
  { label: 'impressions', value: (r) => r.impressions, format: num(0) },
  { label: 'feed requests', value: (r) => r.requests, format: num(0) },
  { label: 'unknown items served', value: (r) => r.unknownItems, format: num(0) },
  { label: 'wall time (s)', value: (r) => r.wallMs / 1000, format: num(1) },
];

export function formatReports(reports: readonly SimReport[]): string {
  const labelWidth = Math.max(...ROWS.map((r) => r.label.length));
  const cells = ROWS.map((row) => reports.map((r) => row.format(row.value(r))));
  const widths = reports.map((r, i) => Math.max(r.policy.length, ...cells.map((c) => c[i]!.length)));
  const line = (label: string, values: string[]): string =>
    `${label.padEnd(labelWidth)}  ${values.map((v, i) => v.padStart(widths[i]!)).join('  ')}`.trimEnd();
  const out = [
    line(
      '',
      reports.map((r) => r.policy),
    ),
  ];
  out.push('-'.repeat(out[0]!.length));
  ROWS.forEach((row, i) => out.push(line(row.label, cells[i]!)));
  return out.join('\n');
}
