import type { RequestChargingProfileInput, RequestChargingProfileUseCase } from '@vpp/ocpi';
import { Decimal } from '@vpp/units';
import { OcpiChannelSender } from './ocpi-channel.sender';

describe('OcpiChannelSender', () => {
  it('sends an absolute profile from the instant the loop decided the command', async () => {
    const requested: RequestChargingProfileInput[] = [];
    const request = {
      execute: async (input: RequestChargingProfileInput) => {
        requested.push(input);
        return { id: 'cmd-1' };
      },
    } as unknown as RequestChargingProfileUseCase;
    const issuedAt = new Date('2023-06-28T14:00:00Z');
    const result = await new OcpiChannelSender(request).send({ sessionId: 's1', party: 'NL*DMA', kind: 'limit', powerKw: new Decimal('3.7'), issuedAt });
    expect(result).toEqual({ status: 'sent', channelCommandId: 'cmd-1', latencyMs: null });
    expect(requested).toHaveLength(1);
    expect(requested[0].profile.startDateTime).toEqual(issuedAt);
    expect(requested[0].profile.periods.map((p) => p.limit.toFixed())).toEqual(['3700']);
  });
});
