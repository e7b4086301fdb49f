// Given the hand-made federation of areas-fixture.ts, expect the coverage additions of
// shared/indicators-2.md (organisation.sql) and the campaign/in-kind additions to relief.
import { expectCases } from './areas-cases.ts';

expectCases([
  // founded in 2024: C1 (03-01), G1 (05-01), S2 (on D); J1 in 2025; R and the undated ones never
  ['R', 2024, 'coverage.new_unions', 3, null, 3],
  ['R', 2024, 'coverage.new_unions:street_federation', 1, null, 1],
  ['R', 2024, 'coverage.new_unions:grassroots_union', 1, null, 1],
  ['R', 2024, 'coverage.new_unions:federation', 0, null, 0],
  ['S1', 2024, 'coverage.new_unions', 2, null, 2], // C1, G1: S2 is outside S1's subtree
  ['R', 2025, 'coverage.new_unions:joint_union', 1, null, 1],
  // standing at D with a committee: R, S1, C1; not G1 (no), G2 (dissolved), J1 (not yet founded)
  ['R', 2024, 'women.committees', 3, null, 3],
  ['R', 2025, 'women.committees', 4, null, 4], // + J1
  ['S2', 2024, 'women.committees', 0, null, 0], // S2's committee is blank = no
  // registered in Y: U2 (on D); U3 in 2025
  ['R', 2024, 'coverage.new_units', 1, null, 1],
  ['R', 2025, 'coverage.new_units', 1, null, 1],
  // standing at D, latest headcount of 2024 ≥ 200: U1 250, U2 300, U5 200 (199 earlier), U7 1000
  // (not "should" but a unit); not U4 (closed), U6 (150)
  ['R', 2024, 'coverage.units_200plus', 4, null, 4],
  ['S1', 2024, 'coverage.units_200plus', 3, null, 3],
  ['S2', 2024, 'coverage.units_200plus', 1, null, 1],
  // female members standing at D: M1, M2 (not M3 leaving on D, M5 joining in 2025, M6 blank gender);
  // female employees of the unionised "should" units: U1 100 + U5 80 + U6 60
  ['R', 2024, 'coverage.female_membership_rate', 2, 240, 0.008333],
  ['R', 2025, 'coverage.female_members', 3, null, 3], // + M5
  // should-unionise list at D: U1, U2, U5, U6, U8; unionised at D: U1, U5, U6
  ['R', 2024, 'coverage.units_should:private', 2, null, 2], // U1, U2
  ['R', 2024, 'coverage.units_unionised:private', 1, null, 1], // U1
  ['R', 2024, 'coverage.unionisation_rate:state', 1, 2, 0.5], // U5 of U5, U8
  ['R', 2024, 'coverage.units_should:P', 2, null, 2], // U1, U6 (U6 has no ownership: still by industry)
  ['R', 2024, 'coverage.unionisation_rate:C', 0, 2, 0], // U2, U8: a rate over a non-empty base at 0%
  ['R', 2024, 'coverage.units_unionised:private.P', 1, null, 1], // U1
  ['R', 2024, 'coverage.unionisation_rate:private.C', 0, 1, 0], // U2
  ['R', 2024, 'coverage.units_should:state.C', 1, null, 1], // U8
  ['R', 2024, 'coverage.units_should', 5, null, 5], // the total keeps U6 (no ownership)
  ['C1', 2024, 'coverage.units_should:private', 2, null, 2],
  ['S2', 2024, 'coverage.units_should:private', 0, null, 0], // U7 is not "should"
  // relief by campaign: V1 600 + V4 in kind; V2 1000 + V3 500; V5 has none (total only)
  ['R', 2024, 'relief.amount', 2200, null, 2200], // the in-kind row adds 0
  ['R', 2024, 'relief.amount:warmth', 600, null, 600],
  ['R', 2024, 'relief.amount:golden_autumn', 1500, null, 1500],
  ['R', 2024, 'relief.person_times', 5, null, 5], // the in-kind row adds 1
  ['R', 2024, 'relief.person_times:warmth', 2, null, 2],
  ['R', 2024, 'relief.persons:golden_autumn', 1, null, 1], // P2 at G1 and at C1: once
  ['C1', 2024, 'relief.persons:golden_autumn', 1, null, 1],
  ['R', 2024, 'relief.persons:warmth', 2, null, 2], // P1, P3
  ['R', 2024, 'relief.persons', 4, null, 4],
  ['R', 2024, 'relief.persons:education', 1, null, 1], // categories still count apart from campaigns
  ['R', 2024, 'relief.in_kind_value', 500, null, 500],
  ['R', 2024, 'relief.in_kind_value:holiday', 300, null, 300],
  ['R', 2024, 'relief.in_kind_value:golden_autumn', 200, null, 200],
  ['S2', 2024, 'relief.in_kind_value:warmth', 300, null, 300],
]);
