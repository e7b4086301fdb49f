// The same section openings as sentences-zh.ts, in English. Same figures, same rules: every number
// through the formatter, a sentence of its own for missing or zero data.
import { amount, getter, known, show, showValue, yoy } from './figures.ts';
import type { SummaryInput, Slice } from './types.ts';
import type { Unit } from '../../src/lib/format/index.ts';
import { dateEn } from './dates.ts';
import { plainQuotes } from './charts.ts';

const L = 'en' as const;

function withYoy(s: string): string {
  return s ? ` (${s})` : '';
}

export function slicesEn(slices: Slice[], unit: Unit): string {
  const parts = slices
    .filter((s) => (s.value ?? 0) > 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.key.localeCompare(b.key))
    .map((s) => `${plainQuotes(s.en).toLowerCase()} ${showValue(s.value, unit, L, unit !== '元')}`);
  return parts.join(', ');
}

export function openingEn(input: SummaryInput): string {
  const src = input.batch ? `the warehouse snapshot after import batch ${input.batch.id}` : 'a warehouse with no imports yet';
  return (
    `This is the ${input.year} work summary of ${input.org.name}: organisation, hardship relief, training, ` +
    `and activities and rights. Figures cover the organisation and all organisations below it; stocks are ` +
    `counted on ${dateEn(input.asOf)}. Source: ${src}.`
  );
}

export function coverageEn(input: SummaryInput): string[] {
  const f = getter(input);
  const should = f('coverage.units_should');
  const rate = f('coverage.unionisation_rate');
  const employees = f('coverage.employees');
  const members = f('coverage.members');
  const memberRate = f('coverage.membership_rate');
  const out: string[] = [];
  out.push(
    amount(should) > 0
      ? `On ${dateEn(input.asOf)}, ${show(f('coverage.units_unionised'), L)} of the ${show(should, L)} required to ` +
          `unionise had a union: a unionisation rate of ${show(rate, L)}${withYoy(yoy(rate, L))}.`
      : 'No units required to unionise are registered, so there is no unionisation rate.',
  );
  if (amount(employees) > 0) {
    out.push(
      `Of ${show(employees, L)} employed, ${showValue(members?.value, '人', L)} were members: a membership rate of ` +
        `${show(memberRate, L)}${withYoy(yoy(memberRate, L))}.`,
    );
  } else if (amount(members) > 0) {
    out.push(`There were ${show(members, L)} members at year end; no headcounts were reported, so there is no membership rate.`);
  } else {
    out.push('There were no members at year end.');
  }
  const fresh = f('coverage.new_members');
  out.push(
    amount(fresh) > 0 ? `New members this year: ${show(fresh, L)}${withYoy(yoy(fresh, L))}.` : 'No new members joined this year.',
  );
  const migrant = f('coverage.migrant_membership_rate');
  if (known(migrant)) out.push(`Migrant-worker membership rate: ${show(migrant, L)}${withYoy(yoy(migrant, L))}.`);
  const unions = f('coverage.unions_by_type');
  if (amount(unions) > 0) {
    const types = input.breakdowns.unionsByType.filter((s) => (s.value ?? 0) > 0);
    const parts = types.length > 1 ? `: ${slicesEn(types, '个')}` : types.length === 1 ? `, all ${types[0]!.en.toLowerCase()}` : '';
    out.push(`There are ${show(unions, L, undefined, true)} base-level unions${parts}.`);
  } else {
    out.push('There are no base-level unions yet.');
  }
  return out;
}

export function reliefEn(input: SummaryInput): string[] {
  const f = getter(input);
  const total = f('relief.amount');
  const out: string[] = [];
  if (amount(total) > 0) {
    out.push(
      `Relief paid this year: ${show(total, L)}${withYoy(yoy(total, L))}, in ${show(f('relief.person_times'), L)} ` +
        `to ${show(f('relief.persons'), L)}; ${show(f('relief.avg_per_person_time'), L)} on average.`,
    );
    const parts = slicesEn(input.breakdowns.reliefByCategory, '元');
    if (parts) out.push(`By category: ${parts}.`);
  } else {
    out.push('No relief was paid this year.');
  }
  const active = f('relief.files_active');
  if (amount(active) > 0) {
    const exitRate = f('relief.exit_rate');
    out.push(
      `Hardship files on record during the year: ${show(active, L)}; ${show(f('relief.files_new'), L)} opened, ` +
        `${show(f('relief.exits'), L)} left hardship (exit rate ${show(exitRate, L)}${withYoy(yoy(exitRate, L))}); ` +
        `${show(f('relief.files_open'), L)} still open at year end.`,
    );
  } else {
    out.push('No hardship files were on record this year.');
  }
  return out;
}

export function trainingEn(input: SummaryInput): string[] {
  const f = getter(input);
  const sessions = f('training.sessions');
  if (amount(sessions) <= 0) return ['No training was held this year.'];
  const pt = f('training.person_times');
  const out = [
    `Training held: ${show(sessions, L)}, ${show(pt, L)}${withYoy(yoy(pt, L))} by ${show(f('training.persons'), L)}, ` +
      `${show(f('training.hours'), L)} completed in total.`,
  ];
  const rates: string[] = [];
  const cadre = f('training.cadre_rate');
  if (known(cadre)) rates.push(`union-cadre training rate ${show(cadre, L)}${withYoy(yoy(cadre, L))}`);
  const cert = f('training.certification_rate');
  const job = f('training.employment_rate');
  if (known(cert)) rates.push(`certification rate of courses for workers in hardship and the unemployed ${show(cert, L)}`);
  if (known(job)) rates.push(`employment after training ${show(job, L)}`);
  out.push(rates.length ? `Rates: ${rates.join('; ')}.` : 'No cadre or relief courses this year, so no training rates.');
  return out;
}

export function activitiesEn(input: SummaryInput): string[] {
  const f = getter(input);
  const count = f('activity.count');
  if (amount(count) <= 0) return ['No activities were recorded this year.'];
  const out = [`Activities held: ${show(count, L)}${withYoy(yoy(count, L))}, with ${show(f('activity.participants'), L)}.`];
  const parts = slicesEn(input.breakdowns.activityByKind, '场');
  if (parts) out.push(`By kind: ${parts}.`);
  return out;
}

export function childrenEn(input: SummaryInput): string[] {
  const n = input.children.length;
  if (n === 0) return ['This organisation has no organisations below it.'];
  return [`${input.org.name} has ${showValue(n, '个', L)} directly below it; their ${input.year} headline figures (each including its own subtree) are in the table.`];
}
