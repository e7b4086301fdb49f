// Seeded randomness. Every entity draws from its own stream, keyed by (seed, stream name, index), so a
// member's identity can be recomputed from its index alone and generation order never shifts values.

/** 32-bit FNV-1a of a string, used to turn stream names into numbers. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** sfc32: small, fast, good enough statistically for synthetic data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0, index = 0) {
    this.a = mix(seed ^ 0x9e3779b9);
    this.b = mix(stream ^ 0x243f6a88);
    this.c = mix(index ^ 0xb7e15162);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const keys = Object.keys(weights) as K[];
    let total = 0;
    for (const k of keys) total += weights[k];
    let r = this.next() * total;
    for (const k of keys) {
      r -= weights[k];
      if (r < 0) return k;
    }
    return keys[keys.length - 1]!;
  }

  /** Approximately normal (sum of uniforms), mean 0, sd 1. */
  normal(): number {
    return this.next() + this.next() + this.next() + this.next() - 2;
  }
}

/** A generator for one entity of one kind: new Rng(seed, hash(kind), index). */
export function rngFor(seed: number, kind: string, index: number): Rng {
  return new Rng(seed, hashString(kind), index);
}

/**
 * A bijection on [0, 2^bits) (odd multiply and xor-shift both invert), used with cycle-walking to
 * scatter consecutive indices over a smaller domain without collisions.
 */
export function scramble(x: number, bits: number, key: number): number {
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  const k = (key | 1) >>> 0;
  for (let round = 0; round < 3; round++) {
    x = Math.imul(x, 0x2c1b3c6d | 1) & mask;
    x = (x ^ (x >>> Math.max(1, bits >> 1))) & mask;
    x = (x + k) & mask;
    x = Math.imul(x, k) & mask;
  }
  return x >>> 0;
}

/** scramble() restricted to [0, n) by cycle-walking: still one-to-one. */
export function permute(i: number, n: number, key: number): number {
  let bits = Math.max(1, Math.ceil(Math.log2(n)));
  if (2 ** bits < n) bits++;
  let x = i;
  do x = scramble(x, bits, key);
  while (x >= n);
  return x;
}
