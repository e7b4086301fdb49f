// Given the hand-made federation of areas-fixture.ts, expect the rights and supervision indicators
// (rights.sql) worked out by hand.
import { expectCases } from './areas-cases.ts';

expectCases([
  // received in 2024: K1 K2 K3 K5 K6 K7 K9 (K4 in 2023, K8 in 2025)
  ['R', 2024, 'rights.cases', 7, null, 7],
  ['R', 2024, 'rights.cases:letter_visit', 3, null, 3], // K1 K2 K7
  ['R', 2024, 'rights.cases:hotline', 2, null, 2], // K3 K6
  ['R', 2024, 'rights.cases:legal_aid', 2, null, 2], // K2 K3
  ['R', 2024, 'rights.cases:complaint', 0, null, 0],
  ['C1', 2024, 'rights.cases', 4, null, 4], // K1 K2 K6 K9 (G2's case counts though G2 dissolved)
  ['S2', 2024, 'rights.cases', 2, null, 2], // K3 K7
  ['R', 2025, 'rights.cases', 1, null, 1], // K8
  // workers: 3 + 1 (blank) + 5 + 1 + 4 + 10 + 2
  ['R', 2024, 'rights.person_times', 26, null, 26],
  ['R', 2024, 'rights.person_times:letter_visit', 14, null, 14], // 3 + 1 + 10
  ['R', 2024, 'rights.letters_visits', 14, null, 14],
  ['S2', 2024, 'rights.person_times', 15, null, 15],
  // closed by D of those received in 2024: K1 K3 K5 (on D) K6 K9; not K2 (2025), K7 (open)
  ['R', 2024, 'rights.handling_rate', 5, 7, 0.714286],
  ['R', 2024, 'rights.legal_aid_cases', 2, null, 2],
  ['R', 2024, 'rights.legal_aid_persons', 6, null, 6], // K2 1 (blank) + K3 5
  // mediation cases closed in 2024: K4 (received 2023) K5 K6; mediated K4 K6
  ['R', 2024, 'rights.disputes_mediated', 2, null, 2],
  ['R', 2024, 'rights.mediation_success_rate', 2, 3, 0.666667],
  ['S1', 2024, 'rights.mediation_success_rate', 2, 3, 0.666667], // all three are S1's
  ['S2', 2024, 'rights.mediation_success_rate', 0, 0, null],
  // wages of cases closed in 2024: K3 3000.50 + K4 1000 + K9 500
  ['R', 2024, 'rights.wages_recovered', 4500.5, null, 4500.5],
  ['R', 2024, 'rights.wages_recovered:legal_aid', 3000.5, null, 3000.5],
  ['R', 2024, 'rights.wages_recovered:wage_arrears', 500, null, 500],
  ['R', 2023, 'rights.wages_recovered', 0, null, 0],
  // inspections of 2024 by unit: U1 (labour_law issue rectified, safety fine), U2 (labour_law issue
  // rectified after D, and a clean one), U6 (safety twice, one rectified on D)
  ['R', 2024, 'supervision.units_inspected', 3, null, 3],
  ['R', 2024, 'supervision.units_inspected:labour_law', 2, null, 2], // U1 U2
  ['R', 2024, 'supervision.units_inspected:safety', 2, null, 2], // U1 U6
  ['R', 2024, 'supervision.units_with_issues', 3, null, 3],
  ['R', 2024, 'supervision.units_with_issues:safety', 1, null, 1], // U6 once
  ['R', 2024, 'supervision.units_rectified', 2, null, 2], // U1 U6
  ['R', 2024, 'supervision.units_rectified:labour_law', 1, null, 1], // U1
  ['R', 2024, 'supervision.rectification_rate', 2, 3, 0.666667],
  ['R', 2024, 'supervision.rectification_rate:labour_law', 1, 2, 0.5],
  ['R', 2024, 'supervision.rectification_rate:safety', 1, 1, 1],
  // a unit counts at its area: U6 (area C2) though R inspected it; U1 U2 at C1 though S1 did
  ['S2', 2024, 'supervision.units_inspected', 1, null, 1],
  ['C1', 2024, 'supervision.units_rectified', 1, null, 1],
  ['R', 2023, 'supervision.units_rectified:labour_law', 1, null, 1], // U5
]);
