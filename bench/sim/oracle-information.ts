// bench/sim/oracle-information: which of the simulator's hidden terms the oracle's advantage rests
// on. For each user, every video is ranked by E[watch] computed from part of what the oracle knows,
// and the true E[watch] of the top `--k` is averaged: the drop from the full oracle is what that
// missing knowledge is worth. Fatigue is left out (it is the same for every ranking). For deciding
// which observable signals a ranker most needs to estimate; it reads hidden state, so it is a
// benchmark, never a policy.
// Usage: npx tsx bench/sim/oracle-information.ts [--users 100 --seed 1 --k 20]
import { parseArgs } from 'node:util';
import { BEHAVIOUR as B, baseAppeal, expectedWatchMs, videoTerms } from '../../src/sim/behaviour.js';
import { generateUsers } from '../../src/sim/users.js';
import { TOPICS_PER_VIDEO, generateWorld } from '../../src/sim/world.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    k: { type: 'string', default: '20' },
  },
});
const seed = Number(values.seed);
const k = Number(values.k);
const world = generateWorld({ seed, futureHours: 48 });
const users = generateUsers(world, { count: Number(values.users), seed });
const h = world.hidden;
const terms = videoTerms(world);
const n = h.count;

const RANKINGS = [
  'oracle (true E[watch])',
  'without the taste noise',
  'primary topic only',
  'without quality',
  'duration ignored (all ranked as 18 s)',
] as const;
const sums = new Map<string, number>([...RANKINGS, 'random'].map((r) => [r, 0]));

for (const u of users) {
  const truth = new Float64Array(n);
  const scores = RANKINGS.map(() => new Float64Array(n));
  const scale = B.interest / u.maxInterest;
  const offset = -B.interest * B.interestCenter;
  for (let v = 0; v < n; v++) {
    const d = h.durationMs[v]!;
    truth[v] = expectedWatchMs(baseAppeal(world, u, v, terms), d);
    let dot = 0;
    for (let j = 0; j < TOPICS_PER_VIDEO; j++)
      dot += u.interests[h.topicIndex[v * TOPICS_PER_VIDEO + j]!]! * h.topicWeight[v * TOPICS_PER_VIDEO + j]!;
    const topic = scale * dot + offset;
    const primary = scale * u.interests[h.primaryTopic[v]!]! + offset;
    const lang = h.language[v] !== u.language ? terms.foreign[v]! : 0;
    const length = d > B.lengthFreeMs ? B.lengthPenalty * Math.log(d / B.lengthFreeMs) : 0;
    scores[0]![v] = truth[v]!;
    scores[1]![v] = expectedWatchMs(topic + terms.fixed[v]! + lang, d);
    scores[2]![v] = expectedWatchMs(primary + terms.fixed[v]! + lang, d);
    scores[3]![v] = expectedWatchMs(topic - length + lang, d);
    scores[4]![v] = expectedWatchMs(topic + terms.fixed[v]! + lang, 18_000);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  RANKINGS.forEach((name, r) => {
    const s = scores[r]!;
    const top = [...order].sort((a, b) => s[b]! - s[a]!).slice(0, k);
    sums.set(name, sums.get(name)! + top.reduce((acc, i) => acc + truth[i]!, 0) / k);
  });
  sums.set('random', sums.get('random')! + truth.reduce((acc, x) => acc + x, 0) / n);
}
for (const [name, sum] of sums)
  console.log(`${name.padEnd(40)} ${(sum / users.length / 1000).toFixed(2)} s per view`);
