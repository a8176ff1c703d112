// OCPI Locations carry ISO 3166-1 alpha-3 (mod_locations "Location.country"); our model uses
// alpha-2. The countries our markets and CPOs cover; anything else falls back to the CPO's country.
const ALPHA3_TO_ALPHA2: Readonly<Record<string, string>> = {
  AUT: 'AT', BEL: 'BE', BGR: 'BG', CHE: 'CH', CZE: 'CZ', DEU: 'DE', DNK: 'DK', ESP: 'ES', EST: 'EE', FIN: 'FI',
  FRA: 'FR', GBR: 'GB', GRC: 'GR', HRV: 'HR', HUN: 'HU', IRL: 'IE', ISL: 'IS', ITA: 'IT', LTU: 'LT', LUX: 'LU',
  LVA: 'LV', NLD: 'NL', NOR: 'NO', POL: 'PL', PRT: 'PT', ROU: 'RO', SVK: 'SK', SVN: 'SI', SWE: 'SE', USA: 'US',
};

export function alpha2Of(alpha3: string, fallback: string): string {
  return ALPHA3_TO_ALPHA2[alpha3.toUpperCase()] ?? fallback;
}
