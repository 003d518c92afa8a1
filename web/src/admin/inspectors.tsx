// The user inspector (profile, recent events, the next feed and why, as a dry run) and the item
// inspector (counters, windows, traffic pool, audience).
import { useState } from 'preact/hooks';
import { get, pairs } from './api.js';

type Json = Record<string, unknown>;

function top(record: Record<string, number>, k = 8): [string, number][] {
  return Object.entries(record)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, k);
}

export function UserInspector(props: { onItem: (id: string) => void }) {
  const [id, setId] = useState(localStorage.getItem('foryou:user') ?? '');
  const [data, setData] = useState<{ profile: Json; events: Json[]; feed: Json[] } | null>(null);
  const [error, setError] = useState('');
  const load = async () => {
    try {
      const user = encodeURIComponent(id.trim());
      const [profile, events, feed] = await Promise.all([
        get<Json>(`/v1/users/${user}/profile`),
        get<{ events: Json[] }>(`/v1/users/${user}/events?limit=20`),
        get<{ items: Json[] }>(`/v1/admin/users/${user}/next-feed?n=10`),
      ]);
      setData({ profile, events: events.events, feed: feed.items });
      setError('');
    } catch (e) {
      setError(String(e));
    }
  };
  const topics = (data?.profile.topics ?? {}) as Record<string, number>;
  return (
    <section class="card wide" data-testid="user-inspector">
      <h2>User inspector</h2>
      <form onSubmit={(e) => (e.preventDefault(), void load())}>
        <input value={id} onInput={(e) => setId(e.currentTarget.value)} placeholder="user id" name="user" />
        <button>Inspect</button>
      </form>
      {error && <p class="error">{error}</p>}
      {data && (
        <div class="cols">
          <div>
            <h3>Topic affinities</h3>
            <table>
              <tbody>
                {top(topics).map(([t, v]) => (
                  <tr key={t}>
                    <td>{t}</td>
                    <td class="num">{v.toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>Recent events</h3>
            <table>
              <tbody>
                {data.events.map((e) => (
                  <tr key={String(e.id)}>
                    <td>{String(e.type)}</td>
                    <td>
                      <a href="#" onClick={(ev) => (ev.preventDefault(), props.onItem(String(e.itemId)))}>
                        {String(e.itemId ?? e.creatorId ?? '')}
                      </a>
                    </td>
                    <td class="num">
                      {e.watchMs !== undefined ? `${(Number(e.watchMs) / 1000).toFixed(1)} s` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3>Next feed and why (dry run)</h3>
            <table data-testid="next-feed">
              <thead>
                <tr>
                  <th>#</th>
                  <th>item</th>
                  <th>topic</th>
                  <th>source</th>
                  <th>score</th>
                  <th>top features</th>
                </tr>
              </thead>
              <tbody>
                {data.feed.map((f) => {
                  const item = f.item as Json;
                  const features = (f.features ?? {}) as Record<string, number>;
                  return (
                    <tr key={String(f.itemId)}>
                      <td>{Number(f.position) + 1}</td>
                      <td>
                        <a href="#" onClick={(ev) => (ev.preventDefault(), props.onItem(String(f.itemId)))}>
                          {String(f.itemId)}
                        </a>
                      </td>
                      <td>{((item.topics as string[] | undefined) ?? []).join(', ')}</td>
                      <td>{String(f.source)}</td>
                      <td class="num">{Number(f.score).toFixed(3)}</td>
                      <td class="small">{pairs(top(features, 4), 2)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

export function ItemInspector(props: { id: string; setId: (id: string) => void }) {
  const [data, setData] = useState<Json | null>(null);
  const [error, setError] = useState('');
  const load = async (id = props.id) => {
    try {
      setData(await get<Json>(`/v1/admin/items/${encodeURIComponent(id.trim())}`));
      setError('');
    } catch (e) {
      setError(String(e));
    }
  };
  const item = data?.item as Json | undefined;
  const stats = data?.stats as Record<string, number> | null | undefined;
  const pool = data?.pool as { level: number; capped: boolean; remaining: number } | null | undefined;
  const audience = data?.audience as
    { users: number; byType: Record<string, number>; locales: Record<string, number> } | undefined;
  return (
    <section class="card wide" data-testid="item-inspector">
      <h2>Item inspector</h2>
      <form onSubmit={(e) => (e.preventDefault(), void load())}>
        <input value={props.id} onInput={(e) => props.setId(e.currentTarget.value)} placeholder="item id" />
        <button>Inspect</button>
      </form>
      {error && <p class="error">{error}</p>}
      {item && (
        <div class="cols">
          <div>
            <p>
              <b>{String(item.id)}</b> by @{String(item.creatorId)} ·{' '}
              {((item.topics as string[]) ?? []).join(', ')}
            </p>
            <p class="small">{String(item.caption ?? '')}</p>
            <p>
              Traffic pool:{' '}
              {pool
                ? `L${pool.level}${pool.capped ? ' (capped)' : ''}, ${pool.remaining} impressions still owed`
                : 'outside the new-video pools'}
            </p>
            {stats && (
              <table>
                <tbody>
                  {['impressions', 'plays', 'completions', 'likes', 'shares', 'skips'].map((k) => (
                    <tr key={k}>
                      <td>{k}</td>
                      <td class="num">{stats[k] ?? 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          {audience && (
            <div>
              <h3>Audience: {audience.users} users</h3>
              <p class="small">{pairs(Object.entries(audience.byType))}</p>
              <p class="small">Locales: {pairs(Object.entries(audience.locales))}</p>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
