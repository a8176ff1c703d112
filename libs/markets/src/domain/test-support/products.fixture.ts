import { Decimal } from '@vpp/units';
import type { MarketProductRules } from '../products/market-product';

const d = (value: string): Decimal => new Decimal(value);
const at = (iso: string): Date => new Date(iso);

/** Rules as seeded by migration 1764300200000 (the integration test checks the seed agrees). */
const BASE: Omit<MarketProductRules, 'id' | 'market' | 'productCode' | 'name' | 'validity'> = {
  directions: ['symmetric'],
  deliveryPeriod: 'block',
  mtuMinutes: null,
  gateKind: 'daily',
  gateClosure: { dayOffset: -1, localTime: '08:00' },
  gateClosureZone: 'Europe/Amsterdam',
  gateOpens: null,
  pricingRule: 'pay-as-cleared',
  priceUnit: 'EUR/MWh',
  minQuantityMw: null,
  quantityStepMw: null,
  priceTick: null,
  priceMin: null,
  priceMax: null,
  curvePoints: { min: 1, max: 1 },
  fullActivationSeconds: null,
  setpointIntervalSeconds: null,
  lerMinutes: null,
  requiresLocation: false,
  qualification: { channels: ['ocpi', 'ocpp', 'oem'], maxLatencyP95Ms: null, dischargeRequiredFor: [] },
  verified: false,
  unverifiedFields: ['validity'],
  sourceNote: 'test fixture',
};

export const FCR_NL: MarketProductRules = {
  ...BASE,
  id: '3aba3c70-341f-4c95-b353-fbfc4c08013e',
  market: 'fcr',
  productCode: 'fcr-nl',
  name: 'FCR',
  validity: { from: at('2020-06-30T22:00:00Z'), to: null },
  gateOpens: { dayOffset: -7, localTime: '00:00' },
  priceUnit: 'EUR/MW/h',
  minQuantityMw: d('1'),
  quantityStepMw: d('1'),
  priceTick: d('0.01'),
  priceMin: d('0'),
  fullActivationSeconds: 30,
  lerMinutes: 15,
  qualification: { channels: ['ocpp'], maxLatencyP95Ms: 30_000, dischargeRequiredFor: [] },
};

export const AFRR_CAPACITY_NL: MarketProductRules = {
  ...FCR_NL,
  id: '0fd9be88-9370-4721-851d-9025211c46e5',
  market: 'afrr',
  productCode: 'afrr-capacity-nl',
  name: 'aFRR capacity',
  validity: { from: at('2020-11-02T23:00:00Z'), to: null },
  directions: ['up', 'down'],
  gateClosure: { dayOffset: -1, localTime: '09:00' },
  pricingRule: 'pay-as-bid',
  fullActivationSeconds: 300,
  setpointIntervalSeconds: 4,
  lerMinutes: null,
  qualification: { channels: ['ocpp'], maxLatencyP95Ms: 300_000, dischargeRequiredFor: [] },
};

const AFRR_ENERGY: MarketProductRules = {
  ...BASE,
  id: '',
  market: 'afrr',
  productCode: 'afrr-energy-nl',
  name: 'aFRR energy',
  validity: { from: at('2022-06-21T22:00:00Z'), to: null },
  directions: ['up', 'down'],
  deliveryPeriod: 'mtu',
  mtuMinutes: 15,
  gateKind: 'per-period',
  gateClosure: { beforeStart: { minutes: 25 } },
  minQuantityMw: d('1'),
  quantityStepMw: d('1'),
  priceTick: d('0.01'),
  fullActivationSeconds: 300,
  setpointIntervalSeconds: 4,
  qualification: { channels: ['ocpp'], maxLatencyP95Ms: 300_000, dischargeRequiredFor: [] },
};

export const AFRR_ENERGY_NL: MarketProductRules[] = [
  { ...AFRR_ENERGY, id: 'a8606ef7-1cc9-4c14-acec-d527856439e8', validity: { from: at('2022-06-21T22:00:00Z'), to: at('2024-06-30T22:00:00Z') }, priceMin: d('-99999'), priceMax: d('99999'), fullActivationSeconds: 450, qualification: { ...AFRR_ENERGY.qualification, maxLatencyP95Ms: 450_000 } },
  { ...AFRR_ENERGY, id: '17bad674-eb78-4f07-bae7-e49840d8d8fb', validity: { from: at('2024-06-30T22:00:00Z'), to: at('2024-12-17T23:00:00Z') }, priceMin: d('-10000'), priceMax: d('10000'), fullActivationSeconds: 450, qualification: { ...AFRR_ENERGY.qualification, maxLatencyP95Ms: 450_000 } },
  { ...AFRR_ENERGY, id: '9ce319cd-738d-4cdb-90ef-4dfe2566f791', validity: { from: at('2024-12-17T23:00:00Z'), to: at('2026-06-30T22:00:00Z') }, priceMin: d('-10000'), priceMax: d('10000') },
  { ...AFRR_ENERGY, id: 'aaf8e8f6-1fa2-4bb2-9f61-d149d02b4e9d', validity: { from: at('2026-06-30T22:00:00Z'), to: null }, priceMin: d('-15000'), priceMax: d('15000') },
];

const SDAC: MarketProductRules = {
  ...BASE,
  id: '',
  market: 'day-ahead',
  productCode: 'sdac-nl',
  name: 'SDAC NL',
  validity: { from: at('2014-02-03T23:00:00Z'), to: null },
  directions: ['buy', 'sell'],
  deliveryPeriod: 'mtu',
  mtuMinutes: 60,
  gateClosure: { dayOffset: -1, localTime: '12:00' },
  gateOpens: { dayOffset: -45, localTime: '00:00' },
  quantityStepMw: d('0.1'),
  priceTick: d('0.1'),
  priceMin: d('-500'),
  priceMax: d('3000'),
  curvePoints: { min: 2, max: 256 },
  qualification: { channels: ['ocpi', 'ocpp', 'oem'], maxLatencyP95Ms: null, dischargeRequiredFor: ['sell'] },
};

export const SDAC_NL: MarketProductRules[] = [
  { ...SDAC, id: 'e10db5fc-4a93-463c-9bdd-eb5758e668ac', validity: { from: at('2014-02-03T23:00:00Z'), to: at('2022-05-10T22:00:00Z') } },
  { ...SDAC, id: '0b35e292-4936-4366-bb6f-a24a9812d799', validity: { from: at('2022-05-10T22:00:00Z'), to: at('2025-09-30T22:00:00Z') }, priceMax: d('4000') },
  { ...SDAC, id: '2d2bf528-67ea-44ad-a883-a11a8d026fe2', validity: { from: at('2025-09-30T22:00:00Z'), to: null }, priceMax: d('4000'), mtuMinutes: 15 },
];

export const IDCONS_NL: MarketProductRules = {
  ...BASE,
  id: 'a04e46e9-2529-41cf-9802-7a95844a9735',
  market: 'idcons',
  productCode: 'idcons-nl',
  name: 'GOPACS IDCONS',
  validity: { from: at('2024-10-01T22:00:00Z'), to: null },
  directions: ['buy', 'sell'],
  deliveryPeriod: 'mtu',
  mtuMinutes: 15,
  gateKind: 'event',
  gateClosure: null,
  pricingRule: 'spread-paid-by-grid-operator',
  minQuantityMw: d('1'),
  quantityStepMw: d('0.1'),
  priceTick: d('0.01'),
  priceMin: d('-9999.9'),
  priceMax: d('9999.9'),
  requiresLocation: true,
  qualification: { channels: ['ocpi', 'ocpp', 'oem'], maxLatencyP95Ms: 900_000, dischargeRequiredFor: [] },
};

/** IDCONS under the product terms v1.0 (11-2020) and v2.0 (2023-05-09), as seeded by migration 1764400350000: the v3.0 numbers. */
export const IDCONS_NL_EARLIER: MarketProductRules[] = [
  { ...IDCONS_NL, id: '5b0f2a43-8f0e-4c1e-9a57-1d2f6c3e7a01', validity: { from: at('2020-10-31T23:00:00Z'), to: at('2023-05-08T22:00:00Z') } },
  { ...IDCONS_NL, id: '5b0f2a43-8f0e-4c1e-9a57-1d2f6c3e7a02', validity: { from: at('2023-05-08T22:00:00Z'), to: at('2024-10-01T22:00:00Z') } },
];

/** Every seeded version. */
export const SEEDED_PRODUCTS: MarketProductRules[] = [FCR_NL, AFRR_CAPACITY_NL, ...AFRR_ENERGY_NL, ...SDAC_NL, ...IDCONS_NL_EARLIER, IDCONS_NL];
