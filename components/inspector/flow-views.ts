/** The ways the flow table shows a bridge's flows. */
export const FLOW_VIEWS = ['logic', 'table', 'cookies', 'raw'] as const;
export type FlowView = (typeof FLOW_VIEWS)[number];

export const FLOW_VIEW_LABELS: Record<FlowView, string> = {
  logic: 'Logic',
  table: 'Table',
  cookies: 'Cookies',
  raw: 'Raw',
};

/** Above this many flows a flat table stops being readable and the folded logic view opens first. */
export const LOGIC_VIEW_FROM = 20;

/** The view a bridge's flows open in until the reader picks one. */
export const defaultFlowView = (flowCount: number): FlowView =>
  flowCount > LOGIC_VIEW_FROM ? 'logic' : 'table';
