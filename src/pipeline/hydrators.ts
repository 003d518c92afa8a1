// Query hydrators: who the user is and what they must not be served again.
import type { FeedQuery, QueryHydrator } from '../core/index.js';
import type { ProfileStore, SeenStore, ServedStore, UserStore } from '../store/index.js';

export class UserHydrator implements QueryHydrator {
  readonly name = 'user';
  constructor(private readonly users: UserStore) {}
  hydrate(query: FeedQuery): void {
    query.user = this.users.get(query.request.userId) ?? null;
  }
}

export class ProfileHydrator implements QueryHydrator {
  readonly name = 'profile';
  constructor(private readonly profiles: ProfileStore) {}
  hydrate(query: FeedQuery): void {
    query.profile = this.profiles.get(query.request.userId);
  }
}

export class HistoryHydrator implements QueryHydrator {
  readonly name = 'history';
  constructor(
    private readonly seen: SeenStore,
    private readonly served: ServedStore,
  ) {}
  hydrate(query: FeedQuery): void {
    const { userId, now } = query.request;
    for (const id of this.seen.get(userId)) query.exclude.add(id);
    for (const id of this.served.recent(userId, now)) query.exclude.add(id);
  }
}
