import type { RequestChargingProfileUseCase } from '@vpp/ocpi';
import { Decimal } from '@vpp/units';
import type { ChannelCommand, ChannelSender, ChannelSendResult } from '../../application/channel-senders';
import { nonNegative, unavailable } from './channel-result';

/**
 * OCPI: a SetChargingProfile with one max-limit period in W from the command's instant, recorded by
 * libs/ocpi and PUT by its `connector` job (so it works the same in the platform app and in a split dispatcher); the CPO's
 * async result lands on the connector's response_url. Never a setpoint.
 */
export class OcpiChannelSender implements ChannelSender {
  constructor(private readonly request: RequestChargingProfileUseCase | null) {}

  async send(command: ChannelCommand): Promise<ChannelSendResult> {
    if (!this.request) return unavailable('ocpi');
    const watts = command.kind === 'limit' ? nonNegative(command.powerKw).times(1000) : new Decimal(0);
    // An absolute profile from the instant the loop decided it (mod_charging_profiles start_date_time):
    // without it the profile is relative to the start of charging, and from when it holds is the CPO's guess.
    const recorded = await this.request.execute({
      sessionId: command.sessionId,
      profile: { chargingRateUnit: 'W', periods: [{ startPeriodSeconds: 0, limit: watts }], startDateTime: command.issuedAt },
    });
    return { status: 'sent', channelCommandId: recorded.id, latencyMs: null };
  }
}
