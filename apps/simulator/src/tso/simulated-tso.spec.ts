import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '@vpp/config';
import type { AfrrSetpointMessage, FrequencyMessage, TsoFeedMessage } from '@vpp/dispatch';
import { SimulatedTso } from './simulated-tso';

// What the simulated TSO puts on the wire when a caller steps time itself (the demo): the messages
// as an HTTP receiver on loopback gets them (the dispatcher's own intake is covered end to end in
// test/demo/day-driver.e2e-spec.ts).
describe('SimulatedTso stepped by the caller (sendSlot)', () => {
  let server: Server;
  let baseUrl: string;
  const received: TsoFeedMessage[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push(JSON.parse(body) as TsoFeedMessage);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ outcomes: ['accepted'] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('stamps every message in the caller\'s time and clamps the derived setpoints to the up and down capacity held', async () => {
    const tso = new SimulatedTso({
      portfolioId: 'p', apiKey: 'k', transport: { kind: 'http', baseUrl }, frequencyFile: join(loadConfig({}).dataDir, 'frequency-ce-pmu-2019-03-19-part1.csv'),
      afrrCapacityMw: 0.5, afrrUpCapacityMw: 0, afrrDownCapacityMw: 0.5, sendFrequency: true, speedup: 1,
    });
    const slots = await tso.open();
    expect(slots).toBeGreaterThan(5_000);
    const start = Date.UTC(2023, 5, 28, 10, 0, 0);
    for (let k = 0; k < 150; k++) await tso.sendSlot(k, new Date(start + k * 4_000));
    const setpoints = received.filter((m): m is AfrrSetpointMessage => m.type === 'afrr-setpoint');
    const frequency = received.filter((m): m is FrequencyMessage => m.type === 'frequency');
    expect(setpoints.map((m) => m.issuedAt)).toEqual(Array.from({ length: 150 }, (_, k) => new Date(start + k * 4_000).toISOString()));
    // Down only: the recording opens below 50 Hz (the derivation asks for up-regulation), which is held at 0 MW;
    // nothing below the down capacity. The sequence strictly increases.
    expect(setpoints.every((m) => m.setpointMw <= 0 && m.setpointMw >= -0.5)).toBe(true);
    expect(setpoints.filter((m) => m.setpointMw === 0).length).toBeGreaterThan(100);
    expect(setpoints.every((m, k) => k === 0 || m.sequence > setpoints[k - 1].sequence)).toBe(true);
    expect(setpoints.every((m) => m.label?.startsWith('derived:2019-03-19T'))).toBe(true);
    // Each frequency sample carries its age in the recording: within the 4-s slot up to the setpoint it went with.
    expect(frequency.length).toBeGreaterThan(150);
    for (const sample of frequency) {
      const measured = Date.parse(sample.measuredAt);
      expect(measured).toBeGreaterThanOrEqual(start - 4_000);
      expect(measured).toBeLessThan(start + 150 * 4_000);
    }
    expect(tso.summary()).toMatchObject({ label: 'derived', setpoints: 150, frequencySamples: frequency.length, outcomes: { 'afrr-setpoint:accepted': 150 } });
    await tso.close();
  });
});
