// The dashboard's reads; an API key (?key=, remembered) is sent when the engine has keys.
const params = new URLSearchParams(location.search);
const key = params.get('key') ?? localStorage.getItem('foryou:admin-key');
if (key) localStorage.setItem('foryou:admin-key', key);

export async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const body = (await response.json()) as T & { detail?: string; title?: string };
  if (!response.ok) throw new Error(body.detail ?? body.title ?? `HTTP ${response.status}`);
  return body;
}

export interface Live {
  at: number;
  eventsTotal: number;
  eventsPerSecond: number | null;
  feedLatencyMs: { p50: number | null; p99: number | null; count: number };
  freshnessLagMs: number;
  processors: { group: string; lag: number }[];
  watch: { t: number; arm: string; impressions: number; watchSeconds: number; skipRate: number }[];
}

export interface ModelState {
  name: string;
  serving: number | null;
  versions: { version: number; trainedAt: string; metrics: Record<string, number> }[];
}

/** `name value · name value`, for rows of named numbers. */
export function pairs(entries: [string, number][], digits = 0): string {
  return entries.map(([k, v]) => `${k} ${v.toFixed(digits)}`).join(' · ');
}
