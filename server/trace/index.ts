export { TraceError } from './errors';
export { runTrace, type TraceRunOptions } from './run';
export { TraceRunInput, traceHost } from './service';
