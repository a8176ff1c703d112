import { AuditEntryContent, canonicalJson, chainEntry, ChainedAuditEntry, GENESIS_HASH, verifyChain } from './audit-chain';

function anEntry(position: number, overrides: Partial<AuditEntryContent> = {}): AuditEntryContent {
  return {
    organisationId: 'org-a',
    chainPosition: position,
    actorType: 'user',
    actorId: 'u-1',
    actorOrganisationId: 'org-a',
    onBehalfOfOrganisationId: null,
    action: 'user.create',
    entityType: 'user',
    entityId: `u-${position}`,
    before: null,
    after: { email: `u${position}@example.com`, role: 'member' },
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, position)),
    correlationId: 'c-1',
    ...overrides,
  };
}

function aChain(length: number): ChainedAuditEntry[] {
  const chain: ChainedAuditEntry[] = [];
  for (let position = 1; position <= length; position += 1) {
    chain.push(chainEntry(anEntry(position), chain.at(-1)?.hash ?? GENESIS_HASH));
  }
  return chain;
}

describe(canonicalJson.name, () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: true, e: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"e":null,"f":true}]},"b":1}');
  });
});

describe(verifyChain.name, () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyChain(aChain(5))).toMatchObject({ ok: true, entries: 5 });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, lastHash: GENESIS_HASH });
  });

  it('hashes the same content the same way whatever the key order', () => {
    const [first] = aChain(1);
    const reordered = { ...first, after: { role: 'member', email: 'u1@example.com' } };
    expect(verifyChain([reordered]).ok).toBe(true);
  });

  it('finds an edited entry', () => {
    const chain = aChain(5);
    chain[2] = { ...chain[2], after: { email: 'attacker@example.com', role: 'admin' } };
    expect(verifyChain(chain)).toEqual({ ok: false, brokenAt: 3, reason: 'hash_mismatch' });
  });

  it('finds an entry whose hash was recomputed after an edit, at the next link', () => {
    const chain = aChain(5);
    chain[2] = chainEntry(anEntry(3, { action: 'user.delete' }), chain[1].hash);
    expect(verifyChain(chain)).toEqual({ ok: false, brokenAt: 4, reason: 'prev_hash_mismatch' });
  });

  it('finds a deleted entry as a gap', () => {
    const chain = aChain(5);
    chain.splice(1, 1);
    expect(verifyChain(chain)).toEqual({ ok: false, brokenAt: 2, reason: 'gap' });
  });

  it('finds a changed timestamp', () => {
    const chain = aChain(3);
    chain[0] = { ...chain[0], occurredAt: new Date(chain[0].occurredAt.getTime() + 1) };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 1 });
  });
});
