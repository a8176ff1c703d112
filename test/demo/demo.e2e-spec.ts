import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_DATABASE_URL, childProcessEnv } from '@vpp/testing';

const run = promisify(execFile);
const REPO_ROOT = join(__dirname, '../..');

// A database of its own (the demo migrates it itself, as on a fresh machine), because outbox
// relays of apps booted by other test files on the shared vpp_test would publish its job to
// their own Redis prefix.
const DEMO_DATABASE_URL = TEST_DATABASE_URL.replace(/\/vpp_test$/, '/vpp_test_demo');

// Runs the real `npm run demo` entry point as a user would.
async function demo(day: string): Promise<string> {
  const { stdout } = await run(
    join(REPO_ROOT, 'node_modules/.bin/ts-node'),
    ['--transpile-only', '-r', 'tsconfig-paths/register', 'scripts/demo.ts', '--day', day],
    { cwd: REPO_ROOT, env: childProcessEnv({ DATABASE_URL: DEMO_DATABASE_URL, DATA_DIR: join(REPO_ROOT, '../shared/data'), LOG_LEVEL: 'warn' }), timeout: 60_000 },
  );
  return stdout;
}

describe('npm run demo', () => {
  it('prices the spring DST day of 92 ISPs and proves the pipeline end to end', async () => {
    const out = await demo('2019-03-31');
    expect(out).toContain('2019-03-30T23:00:00.000Z .. 2019-03-31T22:00:00.000Z: 23 h, 92 ISPs');
    expect(out).toContain('blocks: 00_04 (3 h), 04_08 (4 h)');
    expect(out).toContain('gate day-ahead (SDAC), D-1 12:00: 2019-03-30T11:00:00.000Z');
    expect(out).toContain('22 arriving this day, 22 usable');
    // 195.113 kWh cost 5.635328 EUR at the 2019 NL day-ahead prices (see the block lines).
    expect(out).toMatch(/day:\s+195\.113 kWh\s+5\.64 EUR/);
    expect(out).toContain('ASSUMED: each session draws its observed max power');
    expect(out).toMatch(/audit chain verified: ok, \d+ entries/);
    expect(out).toContain('effects: 1 (must be exactly 1)');
  }, 90_000);

  it('gives an ordinary day 96 ISPs and six 4-hour blocks', async () => {
    const out = await demo('2019-06-12');
    expect(out).toContain(': 24 h, 96 ISPs');
    expect(out).toContain('blocks: 00_04 (4 h), 04_08 (4 h), 08_12 (4 h), 12_16 (4 h), 16_20 (4 h), 20_24 (4 h)');
    expect(out).toContain('effects: 1 (must be exactly 1)');
  }, 90_000);
});
