import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { loadConfig } from '@vpp/config';
import { Decimal } from '@vpp/units';
import { decimalColumn } from './decimal.transformer';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// A probe table in a schema of its own, created by hand like a migration would, so the round trip
// runs through the real driver and the real numeric types without touching the app's schema.
const schema = `decimal_probe_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

@Entity({ name: 'probe', schema })
class DecimalProbeEntity {
  @PrimaryColumn('text') id!: string;
  @Column(decimalColumn('money', { nullable: true })) money!: Decimal | null;
  @Column(decimalColumn('energyKwh', { nullable: true })) energyKwh!: Decimal | null;
  @Column(decimalColumn('powerKw', { nullable: true })) powerKw!: Decimal | null;
  @Column(decimalColumn('priceEurPerMwh', { nullable: true })) priceEurPerMwh!: Decimal | null;
}

describe('decimal transformer through PostgreSQL', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'postgres',
      url: loadConfig().database.url,
      entities: [DecimalProbeEntity],
      namingStrategy: new SnakeNamingStrategy(),
      synchronize: false,
    });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA ${schema}`);
    await dataSource.query(
      `CREATE TABLE ${schema}.probe (id text PRIMARY KEY, money numeric(19,6), energy_kwh numeric(19,6),
        power_kw numeric(14,3), price_eur_per_mwh numeric(14,5))`,
    );
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await dataSource.destroy();
  });

  // Per preset: the smallest step, the largest value the column holds, and a negative.
  const presetValues = [
    ['money', '0.000001', '9999999999999.999999', '-123.456789'],
    ['energyKwh', '0.000001', '9999999999999.999999', '-0.000001'],
    ['powerKw', '0.001', '99999999999.999', '-11.045'],
    ['priceEurPerMwh', '0.00001', '999999999.99999', '-500.00000'],
  ] as const;
  const columnOf = { money: 'money', energyKwh: 'energy_kwh', powerKw: 'power_kw', priceEurPerMwh: 'price_eur_per_mwh' } as const;
  const cases = presetValues.flatMap(([preset, ...values]) => values.map((value) => [preset, value] as const));

  it.each(cases)('%s keeps %s exactly', async (preset, value) => {
    const repository = dataSource.getRepository(DecimalProbeEntity);
    const id = randomUUID();
    await repository.insert({ id, [preset]: new Decimal(value) });
    const loaded = await repository.findOneByOrFail({ id });
    expect(loaded[preset]).toBeInstanceOf(Decimal);
    expect(loaded[preset]!.equals(new Decimal(value))).toBe(true);
    // The stored text is exact: no float ever touched it.
    const [raw]: Array<{ stored: string }> = await dataSource.query(`SELECT ${columnOf[preset]}::text AS stored FROM ${schema}.probe WHERE id = $1`, [id]);
    expect(new Decimal(raw.stored).equals(new Decimal(value))).toBe(true);
  });

  it.each(presetValues.map(([preset]) => preset))('%s keeps null as null, not 0', async (preset) => {
    const repository = dataSource.getRepository(DecimalProbeEntity);
    const id = randomUUID();
    await repository.insert({ id, [preset]: null });
    const loaded = await repository.findOneByOrFail({ id });
    expect(loaded[preset]).toBeNull();
  });

  it('refuses more decimals than the column holds instead of rounding silently', async () => {
    const repository = dataSource.getRepository(DecimalProbeEntity);
    await expect(repository.insert({ id: randomUUID(), powerKw: new Decimal('1.0005') })).rejects.toThrow(/decimal places/);
    await expect(repository.insert({ id: randomUUID(), priceEurPerMwh: new Decimal('1000000000') })).rejects.toThrow(/does not fit/);
  });

  it('sums numeric exactly in SQL and parses the aggregate without a float', async () => {
    const repository = dataSource.getRepository(DecimalProbeEntity);
    const tag = randomUUID();
    // 0.1 + 0.2 is 0.30000000000000004 in float64; numeric and Decimal keep 0.3.
    await repository.insert([
      { id: `${tag}-a`, money: new Decimal('0.1') },
      { id: `${tag}-b`, money: new Decimal('0.2') },
    ]);
    const [row]: Array<{ total: string }> = await dataSource.query(`SELECT SUM(money) AS total FROM ${schema}.probe WHERE id LIKE $1`, [`${tag}-%`]);
    expect(new Decimal(row.total).equals(new Decimal('0.3'))).toBe(true);
  });
});
