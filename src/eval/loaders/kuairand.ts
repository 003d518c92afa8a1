// KuaiRand-style short-video logs: CSV with a header. Required: user_id, video_id, play_time_ms,
// duration_ms. Time from time_ms, or from date (yyyymmdd) + hourmin (hhmm) read as China time
// (UTC+8, where Kuaishou logs), or absent. The rating-like weight is the watch ratio
// play_time_ms / duration_ms (0 when the duration is 0); every 0/1 label column is kept as is.
import { DatasetError } from '../errors.js';
import { IdIndexer, InteractionColumns, buildInteractions, type Interactions } from '../interactions.js';
import { forEachLine, parseIntField, parseNumberField, readText } from '../text.js';

const LABELS = new Set([
  'is_click', 'is_like', 'is_follow', 'is_comment', 'is_forward', 'is_hate', 'long_view', 'is_profile_enter', 'is_rand',
]); // prettier-ignore

const CHINA_OFFSET_MS = 8 * 3_600_000;

export function looksLikeKuaiRandHeader(line: string): boolean {
  const names = line.split(',').map((n) => n.trim());
  return names.includes('user_id') && names.includes('video_id');
}

export function loadKuaiRand(file: string): Interactions {
  const users = new IdIndexer();
  const items = new IdIndexer();
  const columns = new InteractionColumns();
  let col: Map<string, number> | undefined;
  let width = 0;
  let timeMode: 'time_ms' | 'date' | 'none' = 'none';
  let labelColumns: [string, number][] = [];
  const need = (name: string, lineNo: number): number => {
    const i = col?.get(name);
    if (i === undefined) throw new DatasetError(file, `header lacks the required column ${name}`, lineNo);
    return i;
  };
  let iUser = 0, iVideo = 0, iPlay = 0, iDuration = 0, iTime = 0, iDate = 0, iHourmin = 0; // prettier-ignore
  forEachLine(readText(file), (line, lineNo) => {
    const f = line.split(',');
    if (!col) {
      col = new Map(f.map((name, i) => [name.trim(), i]));
      width = f.length;
      iUser = need('user_id', lineNo);
      iVideo = need('video_id', lineNo);
      iPlay = need('play_time_ms', lineNo);
      iDuration = need('duration_ms', lineNo);
      if (col.has('time_ms')) {
        timeMode = 'time_ms';
        iTime = need('time_ms', lineNo);
      } else if (col.has('date')) {
        timeMode = 'date';
        iDate = need('date', lineNo);
        iHourmin = col.get('hourmin') ?? -1;
      }
      labelColumns = [...col].filter(([name]) => LABELS.has(name));
      return;
    }
    if (f.length !== width)
      throw new DatasetError(file, `expected ${width} fields like the header, got ${f.length}`, lineNo);
    const user = parseIntField(file, lineNo, 'user_id', f[iUser]);
    const video = parseIntField(file, lineNo, 'video_id', f[iVideo]);
    const play = parseNumberField(file, lineNo, 'play_time_ms', f[iPlay]);
    const duration = parseNumberField(file, lineNo, 'duration_ms', f[iDuration]);
    let time = 0;
    if (timeMode === 'time_ms') time = parseNumberField(file, lineNo, 'time_ms', f[iTime]);
    else if (timeMode === 'date') {
      const date = parseIntField(file, lineNo, 'date', f[iDate]);
      const hourmin = iHourmin >= 0 ? parseIntField(file, lineNo, 'hourmin', f[iHourmin]) : 0;
      const y = Math.floor(date / 10000);
      const m = Math.floor(date / 100) % 100;
      const d = date % 100;
      time = Date.UTC(y, m - 1, d, Math.floor(hourmin / 100), hourmin % 100) - CHINA_OFFSET_MS;
    }
    const labels: Record<string, number> = {};
    for (const [name, i] of labelColumns) labels[name] = parseNumberField(file, lineNo, name, f[i]);
    const watchRatio = duration > 0 ? play / duration : 0;
    columns.push(users.indexOf(String(user)), items.indexOf(String(video)), watchRatio, time, labels);
  });
  if (!col) throw new DatasetError(file, 'empty file: expected a CSV header');
  const hasTimestamp = timeMode !== 'none';
  return buildInteractions({ format: 'kuairand', source: file, users, items, columns, hasTimestamp });
}
