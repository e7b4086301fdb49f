// The one reader over SummaryInput.figures the section builders use; every number they write goes
// through src/lib/format/prose.ts (sections/words.ts).
import type { Figure, SummaryInput } from './types.ts';

export type Get = (code: string) => Figure | undefined;

export function getter(input: Pick<SummaryInput, 'figures'>): Get {
  return (code) => input.figures[code];
}
