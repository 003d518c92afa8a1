// "Why am I seeing this": the engine's explanation when it sends one (explain=true), else what the
// feed item carries (source and score); plus what the device did (its re-ranking of the page).
import type { FeedItem } from '@foryou/client';

export function WhyPanel(props: { item: FeedItem; deviceNote: string; onClose: () => void }) {
  const { item, deviceNote, onClose } = props;
  const e = item.explanation;
  return (
    <div class="why" role="dialog" aria-label="Why am I seeing this" data-testid="why">
      <button class="close" onClick={onClose} aria-label="Close">
        ×
      </button>
      <h2>Why am I seeing this?</h2>
      {e ? (
        <>
          <p>
            Found by <b>{e.sources.join(', ')}</b> (rank {e.sourceRank + 1} there).
          </p>
          {e.contributions.length > 0 && (
            <ul>
              {e.contributions.map((c) => (
                <li key={c.name}>
                  {c.name}: {c.value >= 0 ? '+' : ''}
                  {c.value.toFixed(3)}
                </li>
              ))}
            </ul>
          )}
          {e.reasons.length > 0 && <p>Re-ranking: {e.reasons.join(', ')}</p>}
        </>
      ) : (
        <p>
          Found by the <b>{item.source}</b> source, scored {item.score.toFixed(3)}.
        </p>
      )}
      {item.item.topics && <p>Topics: {item.item.topics.join(', ')}</p>}
      <p class="device">{deviceNote}</p>
    </div>
  );
}
