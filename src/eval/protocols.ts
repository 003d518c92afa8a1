// Named evaluation protocols: how `foryou eval --protocol` splits the data.
import type { Interactions } from './interactions.js';
import {
  globalTimeSplit,
  leaveLastSplit,
  recboleSplit,
  stratifiedSplit,
  type Split,
} from './splits/index.js';

export const PROTOCOLS = ['msr', 'recbole', 'temporal', 'leave-last'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const PROTOCOL_DESCRIPTIONS: Record<Protocol, string> = {
  msr: 'Microsoft Recommenders python_stratified_split: per user, random 75% train / 25% test (NumPy MT19937 seed)',
  recbole: 'RecBole: per user, random 80/10/10 train/valid/test; train+valid items excluded at test',
  temporal: 'global time cut at the 80th percentile of timestamps: train before, test after',
  'leave-last': 'per user, the last interaction by time is test, the rest train',
};

export function isProtocol(name: string): name is Protocol {
  return (PROTOCOLS as readonly string[]).includes(name);
}

export function splitByProtocol(data: Interactions, protocol: Protocol, seed: number): Split {
  switch (protocol) {
    case 'msr':
      return stratifiedSplit(data, { ratio: 0.75, seed });
    case 'recbole':
      return recboleSplit(data, { seed });
    case 'temporal': {
      const { train, test } = globalTimeSplit(data, { quantile: 0.8 });
      return { train, test };
    }
    case 'leave-last':
      return leaveLastSplit(data, { n: 1 });
  }
}
