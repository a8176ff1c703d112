import type { DataSource } from 'typeorm';
import type { ImportedSession } from '@vpp/fleet';
import { replayedSessionsOf } from '../../apps/simulator/src/cpo/cpo-replay';
import { SimulatedCpo } from '../../apps/simulator/src/cpo/simulated-cpo';
import { callApi } from './http-client';
import type { Party } from './seed-parties';

const PARTY_IDS = ['DMA', 'DMB', 'DMC'] as const;

export interface CpoOutcome {
  readonly cpos: number;
  readonly sessionsPushed: number;
  /** Sessions the platform stored per party (its own ids, mapped per party: the CPOs' ids collide on purpose). */
  readonly sessionsStored: Record<string, number>;
  readonly cpoObjects: SimulatedCpo[];
}

/**
 * The three CPOs of the demo over OCPI 2.2.1 (apps/simulator SimulatedCpo): the aggregator issues
 * each one's token A (POST /v1/ocpi/parties), the CPO registers through the credentials handshake
 * and pushes its Locations and its third of the day's sessions as ACTIVE, each CPO numbering its
 * sessions S1, S2, ... so the ids collide across CPOs. They stay up to answer charging profiles,
 * which take effect in the demo's simulated time (`clock`), so a cap slows the car when the day says.
 */
export async function startCpos(baseUrl: string, dataSource: DataSource, operator: Party, cpos: readonly Party[], sessions: readonly ImportedSession[], at: Date, clock: () => Date): Promise<CpoOutcome> {
  const started: SimulatedCpo[] = [];
  let pushed = 0;
  for (const [index, party] of cpos.entries()) {
    const partyId = PARTY_IDS[index];
    const cpo = new SimulatedCpo({ countryCode: 'NL', partyId, name: party.name, commandLatencyMs: 50, ignoreShare: 0, clock });
    started.push(cpo);
    await cpo.start();
    const { tokenA, versionsUrl } = await callApi<{ tokenA: string; versionsUrl: string }>(baseUrl, 'POST', '/v1/ocpi/parties', { key: operator.key }, { organisationId: party.organisationId, countryCode: 'NL', partyId }, [201]);
    const answer = await cpo.register(versionsUrl, tokenA);
    if (answer.status !== 200) throw new Error(`CPO NL*${partyId}: registration failed, HTTP ${answer.status}`);
    const own = replayedSessionsOf(sessions.filter((_, i) => i % cpos.length === index));
    await cpo.pushSessions(own, at);
    pushed += own.length;
  }
  const rows: { party_id: string; n: number }[] = await dataSource.query(
    `SELECT p.party_id, count(*)::int AS n FROM ocpi_sessions s JOIN ocpi_parties p ON p.id = s.ocpi_party_id GROUP BY p.party_id ORDER BY p.party_id`,
  );
  return { cpos: started.length, sessionsPushed: pushed, sessionsStored: Object.fromEntries(rows.map((r) => [`NL*${r.party_id}`, r.n])), cpoObjects: started };
}
