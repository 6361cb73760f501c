export { TraceError } from './errors';
export { runTrace, type TraceRunOptions } from './run';
export { ReachRunInput, reachHost, TraceRunInput, traceHost } from './service';
