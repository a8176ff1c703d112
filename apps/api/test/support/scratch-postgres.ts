import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function postgresBinDir(): string {
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number.parseInt(b, 10) - Number.parseInt(a, 10));
  const dir = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(join(d, 'initdb')));
  if (!dir) throw new Error('no /usr/lib/postgresql/*/bin/initdb found');
  return dir;
}

/**
 * A throw-away PostgreSQL cluster on its own port and socket dir, so a test can stop and start
 * it without touching the shared server on 5432. PostgreSQL refuses to run as root, so as root
 * the cluster belongs to the `postgres` OS user.
 */
export class ScratchPostgres {
  private readonly bin = postgresBinDir();
  private readonly baseDir = mkdtempSync(join(tmpdir(), 'vpp-scratch-pg-'));
  private readonly dataDir = join(this.baseDir, 'data');
  private readonly asRoot = process.getuid?.() === 0;

  constructor(readonly port: number) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const binary = join(this.bin, tool);
    if (this.asRoot) await run('runuser', ['-u', 'postgres', '--', binary, ...args], { cwd: '/tmp' });
    else await run(binary, args);
  }

  async init(): Promise<void> {
    if (this.asRoot) chownSync(this.baseDir, uidOf('postgres'), gidOf('postgres'));
    await this.pg('initdb', ['-D', this.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions', '-E', 'UTF8']);
    await this.start();
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.baseDir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB`;
    await this.pg('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.baseDir, 'postgres.log'), '-w', '-t', '30', 'start']);
  }

  /** `-m fast`: open sessions are terminated, as in a failover or a restart by an operator. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
  }

  /** Stops the cluster if it runs and deletes its files; safe to call after a failed test. */
  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.stop('immediate').catch(() => undefined);
    rmSync(this.baseDir, { recursive: true, force: true });
  }
}

function idOf(flag: '-u' | '-g', user: string): number {
  return Number.parseInt(execFileSync('id', [flag, user]).toString().trim(), 10);
}

function uidOf(user: string): number {
  return idOf('-u', user);
}

function gidOf(user: string): number {
  return idOf('-g', user);
}
