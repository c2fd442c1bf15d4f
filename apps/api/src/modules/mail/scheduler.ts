import type { FastifyBaseLogger } from 'fastify';

export interface ScheduledTask {
  name: string;
  run: () => Promise<unknown> | unknown;
}

/**
 * The background work of the API process: planning reminders and escalations, and sending the outbox. It runs
 * at start-up (so whatever fell due while the server was down goes out once, now) and then every `intervalMs`.
 * A tick never overlaps the last one; requests never wait for it. Its tasks are safe to run in several processes
 * on one database (API instances sharing PostgreSQL, or two on one SQLite file by mistake): the outbox is claimed by
 * one statement that takes only rows nobody else holds (mail-sender.ts), and each reminder and escalation has a
 * unique key in the outbox, so a second plan of it inserts nothing (reminders.ts).
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly tasks: ScheduledTask[],
    private readonly log: FastifyBaseLogger,
  ) {}

  /** One tick: every task once, in order. A task that fails is logged and tried again next tick. */
  runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      for (const task of this.tasks) {
        try {
          await task.run();
        } catch (error) {
          this.log.error({ err: error, task: task.name }, 'a scheduled task failed; it will run again at the next tick');
        }
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(intervalMs: number) {
    if (this.timer) return;
    // Fire and forget, on a timer: a tick logs its tasks' failures itself, and the catch logs anything else, so no
    // rejection goes unobserved.
    const tick = () => void this.runOnce().catch((error: unknown) => this.log.error({ err: error }, 'a scheduler tick failed'));
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
