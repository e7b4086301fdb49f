// Given the hand-made federation of areas-fixture.ts, expect the honours indicators (honours.sql).
import { expectCases } from './areas-cases.ts';

expectCases([
  // titles standing at D: G1 qualified county, G1 advanced county, C1 advanced city (on D); not C2
  // (revoked before D), E (revoked on D), S1 (2025)
  ['R', 2024, 'honours.workers_homes', 3, null, 3],
  ['R', 2024, 'honours.workers_homes:advanced', 2, null, 2],
  ['R', 2024, 'honours.workers_homes:county', 2, null, 2],
  ['R', 2024, 'honours.workers_homes:advanced.city', 1, null, 1],
  ['R', 2024, 'honours.workers_homes:model', 0, null, 0],
  ['G1', 2024, 'honours.workers_homes', 2, null, 2], // one org, two titles: two
  ['R', 2023, 'honours.workers_homes', 4, null, 4], // G1 ×2, C2, E
  ['R', 2023, 'honours.workers_homes:model.province', 1, null, 1],
  ['S2', 2024, 'honours.workers_homes', 0, null, 0],
  // model workers standing at D: P1 (county at G1, city at C1), P3; not P2 (revoked in Y), P6 (on D)
  ['R', 2024, 'honours.model_workers', 2, null, 2],
  ['R', 2024, 'honours.model_workers:county', 1, null, 1],
  ['R', 2024, 'honours.model_workers:city', 1, null, 1],
  ['C1', 2024, 'honours.model_workers', 1, null, 1], // P1 once over G1 and C1
  ['S1', 2024, 'honours.model_workers', 2, null, 2], // P1, P3
  ['R', 2024, 'honours.model_workers_hardship', 2, null, 2], // P1 (county row), P3
  ['R', 2024, 'honours.model_workers_hardship:city', 0, null, 0], // P1's city row is not marked
  // awarded in 2024: P1 city, P2 province (revoked later in Y: still awarded), P6 city
  ['R', 2024, 'honours.model_workers_awarded', 3, null, 3],
  ['R', 2024, 'honours.model_workers_awarded:city', 2, null, 2],
  ['R', 2024, 'honours.model_workers_awarded:province', 1, null, 1],
  ['R', 2025, 'honours.model_workers_awarded:county', 1, null, 1], // P4
  ['R', 2024, 'honours.medals_awarded:national', 1, null, 1], // P4
  ['R', 2023, 'honours.medals_awarded', 1, null, 1], // P5
  ['S1', 2024, 'honours.medals_awarded', 1, null, 1],
  ['S2', 2024, 'honours.medals_awarded', 0, null, 0],
]);
