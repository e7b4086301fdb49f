// Exact decimal arithmetic for display rounding. Numbers are turned into their shortest decimal
// string (what JS prints, i.e. what the database stored: 0.9625, 2.675) and rounded on that string
// with BigInt, so half-up rounding never falls into a binary-float accident (2.675 → 2.68, not 2.67).

/** A rational p/q with q > 0. Decimals are p/10^scale. */
export interface Ratio {
  p: bigint;
  q: bigint;
}

export type Numeric = number | string | bigint;

/** Parses a finite number, bigint or decimal string ('-1,234.5', '1e-7') into an exact ratio. */
export function toRatio(x: Numeric): Ratio | null {
  if (typeof x === 'bigint') return { p: x, q: 1n };
  if (typeof x === 'number' && !Number.isFinite(x)) return null;
  const s = String(x).replace(/,/g, '').trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? 0) - frac.length;
  const digits = BigInt((m[2] || '0') + frac);
  if (exp >= 0) return { p: sign * digits * 10n ** BigInt(exp), q: 1n };
  return { p: sign * digits, q: 10n ** BigInt(-exp) };
}

export function ratio(numerator: Numeric, denominator: Numeric): Ratio | null {
  const a = toRatio(numerator);
  const b = toRatio(denominator);
  if (!a || !b || b.p === 0n) return null;
  const sign = b.p < 0n ? -1n : 1n;
  return { p: sign * a.p * b.q, q: sign * b.p * a.q };
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return { p: a.p * b.q - b.p * a.q, q: a.q * b.q };
}

export function mul(a: Ratio, k: bigint): Ratio {
  return { p: a.p * k, q: a.q };
}

/**
 * Rounds half-up (away from zero at exactly .5, the 四舍五入 of Chinese statistics) to `decimals`
 * places and returns the scaled integer: roundScaled({157,163}, 3) = 963n.
 */
export function roundScaled(r: Ratio, decimals: number): bigint {
  const num = r.p < 0n ? -r.p : r.p;
  const scaled = (2n * num * 10n ** BigInt(decimals) + r.q) / (2n * r.q);
  return r.p < 0n ? -scaled : scaled;
}

/** The rounded value as a plain decimal string with exactly `decimals` places: '96.3', '-0.50'. */
export function roundToString(r: Ratio, decimals: number): string {
  const n = roundScaled(r, decimals);
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = decimals ? '.' + digits.slice(digits.length - decimals) : '';
  return (neg ? '-' : '') + int + frac;
}

/** The rounded value as a JS number (for JSON): roundNumber({157,163}, 4) = 0.9632. */
export function roundNumber(r: Ratio, decimals: number): number {
  return Number(roundToString(r, decimals));
}

/** Inserts thousands separators into a plain decimal string: '1234567.50' → '1,234,567.50'. */
export function groupThousands(s: string): string {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [int = '', frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

/** Drops trailing zeros after the point: '12.50' → '12.5', '3.0' → '3'. */
export function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
