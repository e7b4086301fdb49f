// The indicator codes lineage.ts can trace, apart from its SQL so that pages can ask cheaply.
export const LINEAGE_CODES = [
  'coverage.units_should', 'coverage.units_unionised', 'coverage.employees', 'coverage.migrant_employees',
  'coverage.members', 'coverage.migrant_members', 'coverage.new_members', 'coverage.unions_by_type',
  'relief.amount', 'relief.person_times', 'relief.persons', 'relief.files_active', 'relief.files_open',
  'relief.files_new', 'relief.exits', 'training.sessions', 'training.person_times', 'training.hours', 'training.persons',
  'training.completed', 'training.certified', 'training.employed', 'training.cadres', 'training.cadres_trained',
  'activity.count', 'activity.participants',
  // shared/indicators-2.md (lineage-areas.ts)
  'coverage.new_unions', 'women.committees', 'coverage.new_units', 'coverage.units_200plus', 'coverage.female_members',
  'coverage.female_employees', 'relief.in_kind_value', 'rights.cases', 'rights.person_times', 'rights.letters_visits',
  'rights.cases_handled', 'rights.legal_aid_cases', 'rights.legal_aid_persons', 'rights.disputes_mediated', 'rights.mediations_closed',
  'rights.wages_recovered', 'supervision.units_inspected', 'supervision.units_with_issues', 'supervision.units_rectified',
  'contracts.signed', 'contracts.in_force', 'contracts.workers_covered', 'contracts.units_covered', 'contracts.unionised_covered',
  'congress.units_established', 'congress.unionised_established', 'congress.open_affairs_units', 'congress.sessions', 'congress.delegates',
  'honours.workers_homes', 'honours.model_workers', 'honours.model_workers_hardship', 'honours.model_workers_awarded',
  'honours.medals_awarded', 'funds.raised', 'funds.donor_times', 'funds.items', 'funds.items_value', 'dues.due', 'dues.collected',
  'stations.count', 'stations.centre_orgs', 'stations.centre_orgs_with', 'employment.placements', 'employment.persons',
];
