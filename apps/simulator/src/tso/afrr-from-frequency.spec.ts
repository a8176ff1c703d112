import { join } from 'node:path';
import { loadConfig } from '@vpp/config';
import { deriveAfrrSetpoints } from './afrr-from-frequency';
import { parseMicroHz, readFrequencyRecording } from './frequency-recording';

const at = (s: number) => Date.UTC(2019, 2, 19, 0, 0, s);

describe('aFRR setpoints derived from frequency (ACE proxy)', () => {
  it('parses hertz to exact micro-hertz', () => {
    expect(parseMicroHz('49.962967')).toBe(49_962_967);
    expect(parseMicroHz('50')).toBe(50_000_000);
    expect(parseMicroHz('50.1')).toBe(50_100_000);
    expect(parseMicroHz('')).toBeNull();
    expect(parseMicroHz('null')).toBeNull();
  });

  it('asks for up-regulation at low frequency, down-regulation at high, and clamps to the capacity', () => {
    const low = deriveAfrrSetpoints([0, 1, 2, 3].map((s) => ({ atMs: at(s), deviationMicroHz: -50_000 })), { capacityMw: 10 });
    expect(low[0].setpointMw).toBeGreaterThan(5);
    const high = deriveAfrrSetpoints([0, 1, 2, 3].map((s) => ({ atMs: at(s), deviationMicroHz: 50_000 })), { capacityMw: 10 });
    expect(high[0].setpointMw).toBeLessThan(-5);
    // A persistent 150 mHz deviation saturates at the capacity; the integral does not wind up past it.
    const held = deriveAfrrSetpoints(Array.from({ length: 400 }, (_, s) => ({ atMs: at(s), deviationMicroHz: -150_000 })), { capacityMw: 10 });
    expect(Math.max(...held.map((p) => p.setpointMw))).toBe(10);
    const recovered = deriveAfrrSetpoints(
      [...Array.from({ length: 400 }, (_, s) => ({ atMs: at(s), deviationMicroHz: -150_000 })), ...Array.from({ length: 40 }, (_, s) => ({ atMs: at(400 + s), deviationMicroHz: 20_000 }))],
      { capacityMw: 10 },
    );
    expect(recovered[recovered.length - 1].setpointMw).toBeLessThan(10);
  });

  it('derives one setpoint per 4 s over the real PMU recording, holding through its gaps', async () => {
    const samples = await readFrequencyRecording(join(loadConfig().dataDir, 'frequency-ce-pmu-2019-03-19-part1.csv'));
    expect(samples.length).toBeGreaterThan(11_000);
    const setpoints = deriveAfrrSetpoints(samples, { capacityMw: 1 });
    const spanS = (samples[samples.length - 1].atMs - samples[0].atMs) / 1000;
    expect(setpoints).toHaveLength(Math.floor(spanS / 4) + 1);
    expect(setpoints.every((p) => Math.abs(p.setpointMw) <= 1)).toBe(true);
    expect(setpoints.some((p) => p.setpointMw > 0) && setpoints.some((p) => p.setpointMw < 0)).toBe(true);
  });
});
