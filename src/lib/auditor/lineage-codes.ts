// The indicator codes lineage.ts can trace, apart from its SQL so that pages can ask cheaply.
export const LINEAGE_CODES = [
  'coverage.units_should', 'coverage.units_unionised', 'coverage.employees', 'coverage.migrant_employees',
  'coverage.members', 'coverage.migrant_members', 'coverage.new_members', 'coverage.unions_by_type',
  'relief.amount', 'relief.person_times', 'relief.persons', 'relief.files_active', 'relief.files_open',
  'relief.files_new', 'relief.exits', 'training.sessions', 'training.person_times', 'training.hours', 'training.persons',
  'training.completed', 'training.certified', 'training.employed', 'training.cadres', 'training.cadres_trained',
  'activity.count', 'activity.participants',
];
