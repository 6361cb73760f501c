export { type FlowParse, flowText, parseFlowText, traceArgv } from './flow-string';
export { buildTracePath, type TraceInputs } from './path';
export * from './request';
export { type NamespaceSource, requestFromNamespace } from './source';
export { traceText, vlanText } from './text';
export { parseTraceText, type TraceText } from './trace-text';
export type * from './types';
