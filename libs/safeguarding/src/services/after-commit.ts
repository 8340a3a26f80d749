import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

type Task = () => Promise<void>;

/**
 * Runs work (queueing a job, nudging the outbox) once the caller's transaction has committed, even
 * when safeguarding did not open that transaction (the gate is called inside trips' transactions).
 * Dropped on rollback. Only a nudge: the periodic repair does the same work if it is lost.
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, Task[]>();

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  run(manager: EntityManager, task: Task): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const tasks = this.pending.get(runner) ?? [];
      tasks.push(task);
      this.pending.set(runner, tasks);
    } else {
      void this.execute([task]);
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint also broadcasts a commit; wait for the outermost one.
    if (event.queryRunner.isTransactionActive) return;
    const tasks = this.pending.get(event.queryRunner);
    if (!tasks) return;
    this.pending.delete(event.queryRunner);
    void this.execute(tasks);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async execute(tasks: Task[]): Promise<void> {
    for (const task of tasks) {
      await task().catch((err: Error) =>
        this.logger.warn({ err: err.message }, 'after-commit work failed; the repair will redo it'),
      );
    }
  }
}
