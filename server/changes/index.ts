export { type ApplyRequest, applyPlan, type RunEvent, type RunOutcome, type RunReport } from './apply';
export { ChangeError, describeEditErrors } from './errors';
export { ChangeService, type ChangeServiceOptions, type PlanView, type RunSnapshots } from './service';
export { ChangeStore, type RunSummary, type StoredRun } from './store';
