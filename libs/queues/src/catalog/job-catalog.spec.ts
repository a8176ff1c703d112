import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { ALL_JOB_NAMES, JOB_CATALOG, JobName, jobNamesOfQueue } from './job-catalog';
import { buildIdempotencyKey, decimalStringSchema, idempotencyKeySchema } from './job-envelope';
import { jobIdFromIdempotencyKey } from './job-id';
import { ALL_QUEUE_NAMES, AppName, QUEUE_OWNERS, queuesOwnedBy } from './queue-name';

describe('queue catalog', () => {
  it('names queues in kebab-case', () => {
    for (const queue of ALL_QUEUE_NAMES) expect(queue).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('gives every queue exactly one owning app that is a real app', () => {
    const apps = Object.values(AppName);
    for (const queue of ALL_QUEUE_NAMES) {
      expect(apps).toContain(QUEUE_OWNERS[queue]);
      const owners = apps.filter((app) => app !== AppName.Platform && queuesOwnedBy(app).includes(queue));
      expect(owners).toEqual([QUEUE_OWNERS[queue]]);
    }
  });

  it('lets the platform app own every queue', () => {
    expect([...queuesOwnedBy(AppName.Platform)].sort()).toEqual([...ALL_QUEUE_NAMES].sort());
  });

  it('lists JobName and the catalog with the same names', () => {
    expect(Object.values(JobName).sort()).toEqual([...ALL_JOB_NAMES].sort());
  });

  describe.each(ALL_JOB_NAMES)('job %s', (name) => {
    const sut = JOB_CATALOG[name];

    it('lives on a catalog queue and is named after it', () => {
      expect(ALL_QUEUE_NAMES).toContain(sut.queue);
      expect(name.startsWith(`${sut.queue}.`)).toBe(true);
      expect(jobNamesOfQueue(sut.queue)).toContain(name);
    });

    it('has the default retry and retention options', () => {
      expect(sut.options).toMatchObject(DEFAULT_JOB_OPTIONS);
      expect(sut.options).not.toHaveProperty('jobId');
    });

    it('requires schemaVersion, correlationId and idempotencyKey and refuses unknown fields', () => {
      const shape = Object.keys(sut.schema.shape);
      expect(shape).toEqual(expect.arrayContaining(['schemaVersion', 'correlationId', 'idempotencyKey']));
      expect(sut.schema.safeParse({}).success).toBe(false);
      const issues = sut.schema.safeParse({ apiKey: 'secret' }).error?.issues ?? [];
      expect(issues.some((issue) => issue.code === 'unrecognized_keys')).toBe(true);
    });

    it('logs business ids that exist in its payload', () => {
      expect(sut.businessIdFields.length).toBeGreaterThan(0);
      for (const field of sut.businessIdFields) expect(Object.keys(sut.schema.shape)).toContain(field);
    });

    it('carries no JS numbers except the schema version', () => {
      // Quantities travel as decimal strings (STYLE.md 9.6); a z.number() field is a review flag.
      const numberFields = Object.entries(sut.schema.shape)
        .filter(([, field]) => field instanceof z.ZodNumber)
        .map(([key]) => key);
      expect(numberFields).toEqual([]);
    });
  });

  it('accepts a well-formed probe payload and rejects a float where an id belongs', () => {
    const sut = JOB_CATALOG[JobName.CompleteQueueProbe].schema;
    const probeId = randomUUID();
    const payload = { schemaVersion: 1, correlationId: 'req-1', idempotencyKey: `queue-probe.${probeId}`, probeId };

    expect(sut.parse(payload)).toEqual(payload);
    expect(sut.safeParse({ ...payload, probeId: 12.5 }).success).toBe(false);
    expect(sut.safeParse({ ...payload, schemaVersion: 2 }).success).toBe(false);
  });
});

describe(jobIdFromIdempotencyKey.name, () => {
  it.each([
    ['queue-probe.8c0c4f5e-2f0a-4a43-9c1d-0c6a1f1e2d3b'],
    ['activation.42.setpoints.7'],
    ['a'],
  ])('uses %s unchanged as the BullMQ job id', (key) => {
    expect(jobIdFromIdempotencyKey(key)).toBe(key);
  });

  it.each([
    ['12345', 'all digits: collides with BullMQ generated ids'],
    ['probe:1', "':' separates BullMQ keys"],
    ['', 'empty'],
    ['-probe', 'must start with a letter'],
    ['probe 1', 'whitespace'],
    ['p'.repeat(201), 'longer than 200'],
  ])('refuses %s (%s)', (key) => {
    expect(() => jobIdFromIdempotencyKey(key)).toThrow();
    expect(idempotencyKeySchema.safeParse(key).success).toBe(false);
  });

  it('builds keys from business ids', () => {
    expect(buildIdempotencyKey('activation', '42', 'setpoints', '7')).toBe('activation.42.setpoints.7');
    expect(() => buildIdempotencyKey('42')).toThrow();
  });
});

describe('decimalStringSchema', () => {
  it.each(['0', '-0.5', '123.456000', '99999999999999.999999'])('accepts %s', (value) => {
    expect(decimalStringSchema.safeParse(value).success).toBe(true);
  });

  it.each(['1e3', '.5', '01.5', '1.', 'NaN', ' 1'])('refuses %s', (value) => {
    expect(decimalStringSchema.safeParse(value).success).toBe(false);
  });
});
