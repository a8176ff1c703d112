import type { BenchCase, BenchOptions, BenchResult } from '../bench-case';
import { runOcpiLatency } from '../channels/ocpi-latency';
import { runOcppLatency } from '../channels/ocpp-latency';
import { runOemLatency } from '../channels/oem-latency';

// Command latency per control channel (issue 3): command issued through the production use case
// -> effect confirmed by the simulated counterparty over its real protocol, one command in flight.
// Real counterparties answer in seconds to tens of seconds; the simulators' configurable delays of
// 0 ms (the platform's own share) and 250 ms (a slow counterparty, ASSUMED) keep each case
// under about a minute. `--sessions N`: measured commands per delay, after one warm-up command
// (run.ts has no --commands flag). p99 is nearest-rank: below 100 commands, the slowest one.
const SIMULATOR_DELAYS_MS = [0, 250] as const;
const DEFAULT_COMMANDS = 50;

type ChannelRun = (delaysMs: readonly number[], commands: number, emit: (result: BenchResult) => void) => Promise<void>;

function channelCase(name: string, runChannel: ChannelRun): BenchCase {
  return {
    suite: 'channels',
    name,
    run: (options: BenchOptions, emit) => runChannel(SIMULATOR_DELAYS_MS, options.sessions ?? DEFAULT_COMMANDS, emit),
  };
}

export const BENCH_CASES: BenchCase[] = [channelCase('ocpi', runOcpiLatency), channelCase('ocpp', runOcppLatency), channelCase('oem', runOemLatency)];
