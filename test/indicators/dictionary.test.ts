import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HEADLINES, INDICATORS, allKeys, resolve } from '../../src/lib/indicators/dictionary.ts';
import { UNITS } from '../../src/lib/format/index.ts';

const specPath = fileURLToPath(new URL('../../../shared/indicators.md', import.meta.url));

describe('indicator dictionary', () => {
  it.skipIf(!existsSync(specPath))('holds every code of shared/indicators.md', () => {
    const spec = readFileSync(specPath, 'utf8');
    const codes = [...spec.matchAll(/^\| `([a-z_.]+)` \|/gm)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(20);
    const have = new Set(INDICATORS.map((i) => i.code));
    expect(codes.filter((c) => !have.has(c!))).toEqual([]);
  });

  it('has unique codes and unique keys', () => {
    const keys = allKeys();
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(INDICATORS.map((i) => [i.code, i] as const))('%s is complete', (_code, i) => {
    expect(i.zh && i.en && i.definition.zh && i.definition.en && i.formula.zh && i.formula.en).toBeTruthy();
    expect(UNITS).toContain(i.unit);
    if (i.kind === 'rate' || i.kind === 'ratio') {
      expect(resolve(i.numerator!)).toBeDefined();
      expect(resolve(i.denominator!)).toBeDefined();
    }
    if (i.kind === 'rate') expect(i.unit).toBe('%');
    // a rate's breakdown must have the same breakdown on its parts
    for (const b of i.breakdowns) {
      for (const d of b.dims) {
        const r = resolve(`${i.code}:${d.key}`)!;
        expect(r.zh).toContain(d.zh);
        if (r.numerator) expect(resolve(r.numerator), r.numerator).toBeDefined();
        if (r.denominator) expect(resolve(r.denominator), r.denominator).toBeDefined();
      }
    }
  });

  it.each([
    'relief.amount:living',
    'relief.amount:fiscal',
    'relief.person_times:medical',
    'relief.persons:education',
    'activity.count:culture_sports',
    'activity.participants:volunteer',
    'coverage.unions_by_type:joint_union',
    'training.certification_rate:hardship',
    'training.employment_rate:unemployed',
    'training.sessions:cadre',
  ])('resolves the breakdown key %s', (key) => {
    expect(resolve(key)?.dimension).toBeDefined();
  });

  it('labels breakdowns with the data contract’s Chinese labels', () => {
    expect(resolve('relief.amount:living')!.zh).toBe('帮扶金额·生活救助');
    expect(resolve('relief.amount:fiscal')!.zh).toBe('帮扶金额·财政');
    expect(resolve('coverage.unions_by_type:joint_union')!.zh).toBe('基层工会组织数·区域/行业联合工会');
    expect(resolve('training.certification_rate:hardship')!.numerator).toBe('training.certified:hardship');
  });

  it('rejects unknown keys', () => {
    expect(resolve('coverage.nope')).toBeUndefined();
    expect(resolve('relief.amount:nope')).toBeUndefined();
    expect(resolve('coverage.members:living')).toBeUndefined();
  });

  it('headline codes exist', () => {
    for (const code of Object.values(HEADLINES).flat()) expect(resolve(code), code).toBeDefined();
  });
});
