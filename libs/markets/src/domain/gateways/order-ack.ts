/** A counterparty's answer to one order at submission: taken (new or replacing the same client order id) or refused. */
export interface OrderAck {
  readonly clientOrderId: string;
  readonly accepted: boolean;
  readonly reason: string | null;
}
