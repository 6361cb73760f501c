export type LayoutErrorCode = 'BUSY' | 'FAILED';

/** A layout the server could not give; the browser then lays the graph out itself. */
export class LayoutError extends Error {
  readonly domain = 'layout';
  constructor(
    readonly code: LayoutErrorCode,
    message: string,
  ) {
    super(message);
  }
}
