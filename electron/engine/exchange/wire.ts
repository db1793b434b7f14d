/** The two calls of the protocol the runner makes about an exchange: submit it, ask about its id. */
import type { CallOptions, GatewayAnswer } from '../gateway-client';
import type { StatusAnswer, SubmitAnswer } from '../gateway-wire';

export interface ExchangeWire<B> {
  submit(body: B, o: CallOptions & { officerCode: string }): Promise<GatewayAnswer<SubmitAnswer>>;
  status(id: string, o: CallOptions & { officerCode: string }): Promise<GatewayAnswer<StatusAnswer>>;
}
