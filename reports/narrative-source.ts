// The CLI's and the batch's view of what staff wrote: the current narrative of an org and year from
// the sidecar store next to the warehouse ({} when there is no sidecar, i.e. nobody edited anything).
import { currentNarrative, narrativeStoreIfAny } from '../src/lib/narrative/store.ts';
import { toNarrative } from './summary/narrative.ts';
import type { NarrativeSource } from './run.ts';

export function narrativeSource(dbPath: string): { get: NarrativeSource; close(): void } {
  const store = narrativeStoreIfAny(dbPath);
  return {
    get: (org, year) => (store ? toNarrative(currentNarrative(store, org, year).fields) : {}),
    close: () => store?.close(),
  };
}
