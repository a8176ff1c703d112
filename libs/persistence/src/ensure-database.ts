import { Client } from 'pg';
import { isUniqueViolation } from './unique-violation';

/** Creates the database named in `url` if it does not exist yet (connecting to `postgres` to do so). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to create database with unusual name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        // Two jest workers or two apps may race to create it; losing that race is fine.
        if ((error as { code?: string }).code !== '42P04' && !isUniqueViolation(error)) throw error;
      }
    }
  } finally {
    await client.end();
  }
}
