export class HostNotFoundError extends Error {
  readonly code = 'HOST_NOT_FOUND';
  constructor(readonly hostId: string) {
    super(`no host with id ${hostId}`);
  }
}

export class HostInputError extends Error {
  readonly code = 'HOST_INPUT_INVALID';
}
