import { Decimal } from '@vpp/units';
import type { CountryRules } from './country-rules';

// The seeded rows of migration 1764300300000 (the integration test compares the two). Validity
// instants are local midnights (CET) in UTC. Sources are cited per row; every field without a
// source is listed in `assumedFields`. Exchange rates used for SE, NO, HU are ASSUMED.
const jan1 = (year: number): Date => new Date(`${year - 1}-12-31T23:00:00Z`);
const eur = (text: string): Decimal => new Decimal(text);

export const SEEDED_COUNTRY_RULES: readonly CountryRules[] = [
  {
    country: 'NL', validFrom: jan1(2025), validTo: jan1(2026),
    energyTaxEurPerKwh: eur('0.10154'), gridFeeEurPerKwh: eur('0'), dischargeTaxedTwice: true, feedInCompensationEurPerKwh: eur('0'),
    verified: false, assumedFields: ['gridFeeEurPerKwh', 'dischargeTaxedTwice', 'feedInCompensationEurPerKwh'],
    source: 'Energy tax 0-10,000 kWh bracket 2025 EUR 0.10154/kWh excl. VAT (gelijkvergelijk.nl table, 3rd-party; engie.nl listed 0.09979 as indicative). ASSUMED: grid fee 0 per kWh (NL small-connection tariffs are per connection), discharge taxed twice (no netting outside salderingsregeling), no feed-in compensation.',
  },
  {
    country: 'NL', validFrom: jan1(2026), validTo: null,
    energyTaxEurPerKwh: eur('0.0916'), gridFeeEurPerKwh: eur('0'), dischargeTaxedTwice: true, feedInCompensationEurPerKwh: eur('0'),
    verified: false, assumedFields: ['gridFeeEurPerKwh', 'dischargeTaxedTwice', 'feedInCompensationEurPerKwh'],
    source: 'Energy tax 0-10,000 kWh bracket 2026 EUR 0.09160/kWh excl. VAT (gelijkvergelijk.nl table, 3rd-party). ASSUMED: as 2025 for grid fee, double taxation and feed-in.',
  },
  {
    country: 'DE', validFrom: jan1(2025), validTo: null,
    energyTaxEurPerKwh: eur('0.0205'), gridFeeEurPerKwh: eur('0.11'), dischargeTaxedTwice: true, feedInCompensationEurPerKwh: eur('0'),
    verified: false, assumedFields: ['gridFeeEurPerKwh', 'dischargeTaxedTwice', 'feedInCompensationEurPerKwh'],
    source: 'Stromsteuer EUR 20.50/MWh (StromStG § 3, gesetze.legal). ASSUMED: grid fee EUR 0.11/kWh (household average order of magnitude), discharge taxed twice (storage exemptions exclude storage that is part of a vehicle, StromStG § 2 Nr. 9 as amended; not checked in force), no feed-in compensation for EV discharge.',
  },
  {
    country: 'SE', validFrom: jan1(2025), validTo: null,
    energyTaxEurPerKwh: eur('0.038'), gridFeeEurPerKwh: eur('0.03'), dischargeTaxedTwice: true, feedInCompensationEurPerKwh: eur('0'),
    verified: false, assumedFields: ['energyTaxEurPerKwh', 'gridFeeEurPerKwh', 'dischargeTaxedTwice', 'feedInCompensationEurPerKwh'],
    source: 'ASSUMED throughout: energiskatt about SEK 0.44/kWh at an assumed SEK 11.5/EUR, grid fee EUR 0.03/kWh, discharge taxed twice, no feed-in compensation. No source checked.',
  },
  {
    country: 'FR', validFrom: jan1(2025), validTo: null,
    energyTaxEurPerKwh: eur('0.03372'), gridFeeEurPerKwh: eur('0.045'), dischargeTaxedTwice: true, feedInCompensationEurPerKwh: eur('0'),
    verified: false, assumedFields: ['energyTaxEurPerKwh', 'gridFeeEurPerKwh', 'dischargeTaxedTwice', 'feedInCompensationEurPerKwh'],
    source: 'ASSUMED throughout: accise sur l électricité about EUR 0.0337/kWh (households, from February 2025), TURPE volumetric part EUR 0.045/kWh, discharge taxed twice, no feed-in compensation. No source checked.',
  },
  {
    country: 'HU', validFrom: jan1(2025), validTo: null,
    energyTaxEurPerKwh: eur('0.001'), gridFeeEurPerKwh: eur('0.03'), dischargeTaxedTwice: true, feedInCompensationEurPerKwh: eur('0'),
    verified: false, assumedFields: ['energyTaxEurPerKwh', 'gridFeeEurPerKwh', 'dischargeTaxedTwice', 'feedInCompensationEurPerKwh'],
    source: 'ASSUMED throughout: energy tax about HUF 0.4/kWh at an assumed HUF 400/EUR (non-household), grid fee EUR 0.03/kWh, discharge taxed twice, no feed-in compensation. No source checked.',
  },
  {
    country: 'NO', validFrom: jan1(2025), validTo: null,
    energyTaxEurPerKwh: eur('0.0107'), gridFeeEurPerKwh: eur('0.04'), dischargeTaxedTwice: true, feedInCompensationEurPerKwh: eur('0'),
    verified: false, assumedFields: ['energyTaxEurPerKwh', 'gridFeeEurPerKwh', 'dischargeTaxedTwice', 'feedInCompensationEurPerKwh'],
    source: 'ASSUMED throughout: elavgift about NOK 0.125/kWh at an assumed NOK 11.7/EUR, grid fee EUR 0.04/kWh, discharge taxed twice, no feed-in compensation. No source checked.',
  },
];
