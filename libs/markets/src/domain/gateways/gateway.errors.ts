/** A counterparty did not answer usefully (down, timeout, 5xx, malformed answer): retry until the gate. */
export class CounterpartyUnavailableError extends Error {
  constructor(
    readonly counterparty: string,
    message: string,
  ) {
    super(`${counterparty}: ${message}`);
    this.name = 'CounterpartyUnavailableError';
  }
}

/** A counterparty refused an order for a reason retrying cannot change (4xx, order rejected). */
export class CounterpartyRefusedError extends Error {
  constructor(
    readonly counterparty: string,
    message: string,
  ) {
    super(`${counterparty}: ${message}`);
    this.name = 'CounterpartyRefusedError';
  }
}
