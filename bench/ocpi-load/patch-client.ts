import { Agent, request } from 'node:http';
import { formatOcpiDateTime } from '../../libs/ocpi/src/domain/ocpi-date-time';
import type { PatchLoadPlan, PatchLoadResult } from './patch-load.protocol';

// Forked by bench/suites/ingest-ocpi-sessions.ts: the CPO's load generator in its own process, as
// a real CPO fleet is another machine, so the server's JS thread serves requests and nothing else.

function patch(agent: Agent, url: string, authorization: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PATCH', agent, headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(plan: PatchLoadPlan): Promise<PatchLoadResult> {
  // One kept-alive connection per client, as each CPO client would hold its own.
  const agent = new Agent({ keepAlive: true, maxSockets: plan.clients });
  const latenciesMs: number[] = [];
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: plan.clients }, async () => {
      for (let n = next++; n < plan.requests; n = next++) {
        const step = Math.floor(n / plan.sessions) + 1;
        // A CPO updating each session once a minute, 0.1 kWh a time: 6 kW of derived power, as a real car
        // draws (one second apart, as before, derived 360 kW and every PATCH went to quarantine).
        const body = JSON.stringify({ kwh: step / 10, last_updated: formatOcpiDateTime(new Date(plan.t0Ms + step * 60_000)) });
        const begin = process.hrtime.bigint();
        const status = await patch(agent, `${plan.base}/sessions/NL/${plan.partyId}/S${n % plan.sessions}`, plan.authorization, body);
        latenciesMs.push(Number.parseInt((process.hrtime.bigint() - begin).toString(), 10) / 1e6);
        if (status !== 200) failures += 1;
      }
    }),
  );
  const elapsedS = Number.parseInt((process.hrtime.bigint() - started).toString(), 10) / 1e9;
  agent.destroy();
  return { latenciesMs, failures, elapsedS };
}

process.once('message', (plan: PatchLoadPlan) => {
  run(plan).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
});
