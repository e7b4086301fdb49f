// A file refused as a whole, with one clear message in Chinese and English. On its own so that the
// .xlsx reader's worker (xlsx-worker.ts) loads it without the data contract.
export class RefusedFile extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
    this.zh = zh;
    this.en = en;
  }
}
