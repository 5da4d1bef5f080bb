/**
 * One leader among the instances sharing a Postgres database: it alone runs the announcer, the
 * reminders and the deliverer, so the platforms' rate limits are spent by one process (Slack's 1
 * message a second per channel, Discord's 50 requests a second) and the others only answer.
 *
 * Leadership is a session-level advisory lock (`pg_try_advisory_lock`) on a connection of its
 * own. Postgres releases it the moment that session ends: a leader killed with -9 closes its
 * socket, the server ends the session, and the next follower to try (every `tryEveryMs`, 1 s)
 * takes over. A lease table would need a renewal interval and an expiry to wait out; the lock
 * needs neither, and cannot be held by two sessions.
 *
 * The leader checks every `heartbeatMs` that it still holds the lock *on the same session*
 * (`pg_backend_pid()`): postgres.js reconnects by itself after a lost connection, and a new
 * session holds no lock, so a changed pid or a failed query means leadership is lost and the
 * leader's work is stopped at once (posts in flight finish and are marked). Between a lost
 * connection and that check another instance may already lead: claims still have one winner, so
 * this costs at most one `heartbeatMs` of both instances posting, never a post twice.
 *
 * A leader whose machine vanishes without closing its socket keeps the lock until the server's
 * TCP keepalive gives up on it: set `tcp_keepalives_idle` (docs/deployment.md) to bound that.
 */
import type { Logger } from '../log.js';
import { connectPostgres, describePostgresError, type Sql } from '../announce/postgresStore.js';

export interface LeaderWork {
  /** Stops what `lead` started; waits for it (posts in flight). */
  stop(): Promise<void>;
}

export interface LeaderOptions {
  url: string;
  logger: Logger;
  /** Starts the leader's work; called each time this instance becomes leader. */
  lead(): Promise<LeaderWork>;
  /** Which lock: instances of one deployment share it (default: the database's schema). */
  name?: string;
  tryEveryMs?: number;
  heartbeatMs?: number;
  /** This instance, in the logs (default: host and pid). */
  instance?: string;
}

const LOCK_CLASS = 0x736d61; // "sma": the first key of the two-key advisory lock

export class Leader {
  private sql: Sql | undefined;
  private pid: number | undefined;
  private work: LeaderWork | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private ticking: Promise<void> | undefined;
  /** Epoch ms this instance became leader; undefined while following. */
  leaderSince: number | undefined;
  private readonly logger: Logger;

  constructor(private readonly o: LeaderOptions) {
    this.logger = o.logger.child({ component: 'leader', ...(o.instance ? { instance: o.instance } : {}) });
  }

  get isLeader(): boolean {
    return this.leaderSince !== undefined;
  }

  /** Starts trying; resolves after the first try (so a lone instance leads before it returns). */
  async start(): Promise<void> {
    await this.tick();
  }

  private schedule(): void {
    if (this.stopped) return;
    const ms = this.isLeader ? (this.o.heartbeatMs ?? 1000) : (this.o.tryEveryMs ?? 1000);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private tick(): Promise<void> {
    this.ticking = (this.isLeader ? this.heartbeat() : this.tryToLead()).finally(() => this.schedule());
    return this.ticking;
  }

  private connection(): Sql {
    // One connection, never recycled by the pool (that would end the session and drop the lock).
    this.sql ??= connectPostgres(this.o.url, { max: 1, applicationName: 'sma-bot leader' });
    return this.sql;
  }

  private lockKey(sql: Sql) {
    return sql`hashtext(${this.o.name ?? ''} || current_schema())`;
  }

  private async tryToLead(): Promise<void> {
    try {
      const sql = this.connection();
      const [row] = await sql<{ locked: boolean; pid: number }[]>`SELECT pg_try_advisory_lock(${LOCK_CLASS}, ${this.lockKey(sql)}) AS locked, pg_backend_pid() AS pid`;
      if (!row?.locked || this.stopped) return;
      this.pid = row.pid;
      this.leaderSince = Date.now();
      this.logger.info('leader: this instance leads (announcer, reminders, deliverer)', { pid: process.pid });
      try {
        this.work = await this.o.lead();
      } catch (error) {
        this.logger.error("leader: starting the leader's work failed; stepping down", { error });
        await this.stepDown('its work failed to start');
      }
    } catch (error) {
      this.logDbError('leader: cannot reach the database to take the lead; trying again', error);
      await this.dropConnection();
    }
  }

  private async heartbeat(): Promise<void> {
    try {
      const [row] = await this.connection()<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      if (row?.pid === this.pid) return;
      await this.stepDown('its database session was replaced (the connection was lost)');
    } catch (error) {
      this.logDbError('leader: lost the database session', error);
      await this.stepDown('its database session was lost');
    }
  }

  private async stepDown(why: string): Promise<void> {
    if (!this.isLeader) return;
    this.logger.warn(`leader: no longer leading: ${why}; stopping the leader's work`);
    this.leaderSince = undefined;
    const work = this.work;
    this.work = undefined;
    await work?.stop().catch((error: unknown) => this.logger.error('leader: stopping the work failed', { error }));
    await this.dropConnection();
  }

  private async dropConnection(): Promise<void> {
    const sql = this.sql;
    this.sql = undefined;
    this.pid = undefined;
    await sql?.end({ timeout: 1 }).catch(() => undefined);
  }

  private logDbError(msg: string, error: unknown): void {
    const known = describePostgresError(error);
    if (known) this.logger.warn(msg, { reason: known.reason });
    else this.logger.error(msg, { error });
  }

  /** Stops trying; a leader stops its work and ends its session, so a follower takes over at its next try. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking?.catch(() => undefined);
    clearTimeout(this.timer);
    const work = this.work;
    this.work = undefined;
    this.leaderSince = undefined;
    await work?.stop().catch((error: unknown) => this.logger.error('leader: stopping the work failed', { error }));
    await this.dropConnection();
  }
}
