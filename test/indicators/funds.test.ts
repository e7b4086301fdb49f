// Given the hand-made federation of areas-fixture.ts, expect the funds, dues, stations and
// employment indicators (funds.sql, services.sql) worked out by hand.
import { expectCases } from './areas-cases.ts';

expectCases([
  // received in 2024: R1 3000 + R2 10000.50 + R4 50000 + R6 8000 (R3 goods only, R5 in 2023)
  ['R', 2024, 'funds.raised', 71000.5, null, 71000.5],
  ['R', 2024, 'funds.raised:one_day_pay', 3000, null, 3000],
  ['R', 2024, 'funds.raised:warmth', 10000.5, null, 10000.5],
  ['R', 2024, 'funds.raised:fiscal', 50000, null, 50000],
  ['R', 2024, 'funds.raised:public', 0, null, 0],
  ['S1', 2024, 'funds.raised', 63000.5, null, 63000.5], // R1 R2 R4: R6 is R's own
  ['R', 2023, 'funds.raised:one_day_pay', 2000, null, 2000],
  // donors of the rows with an amount: 30 + 1 (blank) + 1 (blank) + 1
  ['R', 2024, 'funds.donor_times', 33, null, 33],
  ['R', 2024, 'funds.donor_times:one_day_pay', 30, null, 30],
  ['R', 2024, 'funds.items', 210, null, 210],
  ['R', 2024, 'funds.items_value', 5500, null, 5500],
  // dues with period_end in 2024: U1 2000.00 (2% of 100000.00) + 2000.01 (2% of 100000.25, half-up)
  // + U6 1200 given; paid 2000 + 1500 + 1500
  ['R', 2024, 'dues.due', 5200.01, null, 5200.01],
  ['R', 2024, 'dues.collected', 5000, null, 5000],
  ['R', 2024, 'dues.collection_rate', 5000, 5200.01, 0.961537],
  ['C2', 2024, 'dues.collection_rate', 1500, 1200, 1.25], // arrears paid: over 100%
  ['C1', 2024, 'dues.due', 4000.01, null, 4000.01],
  ['R', 2023, 'dues.collection_rate', 0, 200, 0], // paid blank = 0
  // stations open at D: T1, T2 (opened on D), T3, T5; not T4 (closed), T6 (2025)
  ['R', 2024, 'stations.count', 4, null, 4],
  ['R', 2024, 'stations.count:help_station', 1, null, 1],
  ['C1', 2024, 'stations.count', 1, null, 1], // T5 at G1
  // federations standing at D: R (runs T1), S1 (runs T2), S2 (founded on D; T3 is only a station)
  ['R', 2024, 'stations.coverage_rate', 2, 3, 0.666667],
  ['R', 2024, 'stations.coverage_rate:federation', 1, 1, 1],
  ['R', 2024, 'stations.coverage_rate:street_federation', 1, 2, 0.5],
  ['R', 2023, 'stations.coverage_rate', 1, 2, 0.5], // R, S1 (S2 not founded yet)
  ['S2', 2025, 'stations.coverage_rate', 1, 1, 1], // T6
  ['C1', 2024, 'stations.coverage_rate', 0, 0, null],
  // placements of 2024: L1 L2 (P1 twice) L3 L4
  ['R', 2024, 'employment.placements', 4, null, 4],
  ['R', 2024, 'employment.placements:referral', 2, null, 2],
  ['R', 2024, 'employment.persons', 3, null, 3], // P1 P2 P3
  ['R', 2024, 'employment.persons:referral', 2, null, 2], // P1 P2
  ['C1', 2024, 'employment.persons', 2, null, 2], // P1 at G1 and at C1: once; P3
  ['C1', 2024, 'employment.placements', 3, null, 3], // L1 L2 L4
  ['R', 2025, 'employment.persons:other', 1, null, 1],
]);
