import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per day the daily safeguarding job ran: the claim that keeps it to once a day. */
@Entity('safeguarding_daily_runs')
export class SafeguardingDailyRun {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;
}
