import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfigOrExit } from '@vpp/config';
import { readElaadNlSessions } from '@vpp/fleet';
import { replayedSessionsOf } from './cpo-replay';
import { SimulatedCpo } from './simulated-cpo';

// Runs several simulated CPOs against a connector:
//   ts-node -r tsconfig-paths/register apps/simulator/src/cpo/run-simulated-cpos.ts \
//     --versions-url http://127.0.0.1:3001/ocpi/versions --cpo NL:AAA:<tokenA> --cpo NL:BBB:<tokenA> \
//     [--sessions 20] [--latency-ms 2000] [--ignore-percent 10] [--file ev-sessions-elaadnl-2019-01-to-09.csv]
// Each CPO replays the same first sessions of the file, so their session ids collide on purpose.
// Token A comes from POST /v1/ocpi/parties. Runs until SIGINT/SIGTERM.

function argsOf(argv: string[]): Map<string, string[]> {
  const args = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    args.set(key, [...(args.get(key) ?? []), argv[i + 1] ?? '']);
  }
  return args;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit({ LOG_LEVEL: 'warn' });
  const args = argsOf(process.argv.slice(2));
  const versionsUrl = args.get('versions-url')?.[0];
  const cpos = args.get('cpo') ?? [];
  if (!versionsUrl || cpos.length === 0) throw new Error('usage: --versions-url <url> --cpo CC:PID:<tokenA> [--cpo ...]');
  const count = Number.parseInt(args.get('sessions')?.[0] ?? '20', 10);
  const latencyMs = Number.parseInt(args.get('latency-ms')?.[0] ?? '2000', 10);
  const ignorePercent = Number.parseInt(args.get('ignore-percent')?.[0] ?? '0', 10);
  const file = join(config.dataDir, args.get('file')?.[0] ?? 'ev-sessions-elaadnl-2019-01-to-09.csv');
  const sessions = replayedSessionsOf(readElaadNlSessions(file).sessions.slice(0, count));
  const running: SimulatedCpo[] = [];
  for (const spec of cpos) {
    const [countryCode, partyId, tokenA] = spec.split(':');
    const cpo = new SimulatedCpo({ countryCode, partyId, name: `Simulated CPO ${partyId}`, commandLatencyMs: latencyMs, ignoreShare: ignorePercent / 100 });
    process.stderr.write(`CPO ${countryCode}*${partyId} listening on ${await cpo.start()}\n`);
    const answer = await cpo.register(versionsUrl, tokenA);
    if (answer.status !== 200) throw new Error(`CPO ${partyId} registration failed: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    await cpo.pushSessions(sessions, new Date());
    process.stderr.write(`CPO ${countryCode}*${partyId}: registered, ${sessions.length} sessions pushed\n`);
    running.push(cpo);
  }
  const stop = (): void => {
    void Promise.all(running.map((cpo) => cpo.stop())).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulated CPOs failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
