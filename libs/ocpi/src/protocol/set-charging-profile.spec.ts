import { parseDecimal } from '@vpp/units';
import { chargingProfileSchema } from './charging-profile.schema';
import { serializeSetChargingProfile } from './set-charging-profile';

describe(serializeSetChargingProfile.name, () => {
  it('writes limits as JSON numbers with one decimal, rounded down, valid against the 2.2.1 schema', () => {
    const body = serializeSetChargingProfile(
      {
        chargingRateUnit: 'W',
        startDateTime: new Date('2026-11-25T10:00:00.500Z'),
        durationSeconds: 900,
        minChargingRate: parseDecimal('1380.06'),
        periods: [
          { startPeriodSeconds: 0, limit: parseDecimal('7400.09') },
          { startPeriodSeconds: 300, limit: parseDecimal('11000') },
        ],
      },
      'https://vpp.example/ocpi/2.2.1/chargingprofiles/results/1',
    );

    expect(body).toBe(
      '{"charging_profile":{"start_date_time":"2026-11-25T10:00:00Z","duration":900,"charging_rate_unit":"W","min_charging_rate":1380.0,' +
        '"charging_profile_period":[{"start_period":0,"limit":7400.0},{"start_period":300,"limit":11000.0}]},' +
        '"response_url":"https://vpp.example/ocpi/2.2.1/chargingprofiles/results/1"}',
    );
    const parsed = JSON.parse(body) as { charging_profile: unknown };
    expect(chargingProfileSchema.safeParse(parsed.charging_profile).success).toBe(true);
  });
});
