// Given the hand-made federation of areas-fixture.ts, expect the collective-contract and workers'
// congress indicators (democracy.sql) worked out by hand.
import { expectCases } from './areas-cases.ts';

expectCases([
  // signed in 2024: H1 H4 H6 (H2 2023, H3 2022, H5 2025)
  ['R', 2024, 'contracts.signed', 3, null, 3],
  ['R', 2024, 'contracts.signed:comprehensive', 2, null, 2], // H1 H6
  ['R', 2024, 'contracts.signed:single', 2, null, 2], // H1 H4
  ['S2', 2024, 'contracts.signed', 2, null, 2], // H4 H6 (C2's)
  ['R', 2025, 'contracts.signed', 1, null, 1],
  // in force at D: H1, H4 (expires on D: its last day), H6; not H2 (expired the day before), H3
  ['R', 2024, 'contracts.in_force', 3, null, 3],
  ['R', 2024, 'contracts.in_force:wage', 0, null, 0],
  ['R', 2024, 'contracts.in_force:regional', 1, null, 1],
  ['R', 2023, 'contracts.in_force', 2, null, 2], // H2, H3
  ['R', 2025, 'contracts.in_force', 3, null, 3], // H1, H5, H6 (H4 expired on 2024-12-31)
  // comprehensive contracts in force: H1 250 + H6 300; by type each its own sum
  ['R', 2024, 'contracts.workers_covered', 550, null, 550],
  ['R', 2024, 'contracts.workers_covered:women', 60, null, 60],
  ['R', 2024, 'contracts.workers_covered:comprehensive', 550, null, 550],
  // units covered at D: U1 (H1), U6 (H4, H6), U7 (H6); U5 and U2 only by the expired H2
  ['R', 2024, 'contracts.units_covered', 3, null, 3],
  ['R', 2024, 'contracts.units_covered:private', 2, null, 2], // U1 U7
  ['R', 2024, 'contracts.units_covered:state', 0, null, 0],
  ['C1', 2024, 'contracts.units_covered', 1, null, 1], // U1 (H1 is C1's)
  ['S2', 2024, 'contracts.units_covered', 2, null, 2], // U6 U7 at C2's area, whoever signed
  ['R', 2023, 'contracts.units_covered', 2, null, 2], // U5 (H2; U2 registered only in 2024), U6 (H3)
  // unionised at D: U1 U5 U6; covered: U1 U6
  ['R', 2024, 'contracts.signing_rate', 2, 3, 0.666667],
  ['R', 2024, 'contracts.signing_rate:private', 1, 1, 1],
  ['R', 2024, 'contracts.signing_rate:state', 0, 1, 0], // U5
  // democracy rows of 2024 with congress: U1 U5 U7 U4 (U2 says no)
  ['R', 2024, 'congress.units_established', 4, null, 4],
  ['R', 2024, 'congress.units_established:private', 2, null, 2], // U1 U7
  ['R', 2024, 'congress.units_established:state', 2, null, 2], // U5 U4
  ['C1', 2024, 'congress.units_established', 2, null, 2], // U1 U4
  // of the unionised U1 U5 U6: U1 U5 (U6 has no 2024 row = no)
  ['R', 2024, 'congress.establishment_rate', 2, 3, 0.666667],
  ['R', 2024, 'congress.establishment_rate:state', 1, 1, 1],
  // U6's 2023 row, of the units unionised at the end of 2023 as coverage.units_unionised counts them:
  // U5 and U6, not U1 (its union G1 was founded in 2024: no union covered it yet)
  ['R', 2023, 'congress.establishment_rate', 1, 2, 0.5],
  ['R', 2023, 'coverage.units_unionised', 2, null, 2],
  ['R', 2024, 'congress.open_affairs_units', 2, null, 2], // U1 U2
  ['R', 2024, 'congress.sessions', 5, null, 5], // 1 + 2 + 0 + 1 + 1
  ['R', 2024, 'congress.delegates', 190, null, 190], // 100 + 30 + 50 + 10
  ['C1', 2024, 'congress.delegates', 110, null, 110],
]);
