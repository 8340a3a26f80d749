import { Check, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The categories of non-essential email a user may turn off (essential ones have none). */
export const OPTIONAL_CATEGORIES = ['digest', 'survey'] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

/** A user who turned a category of non-essential email off (through its unsubscribe link). */
@Entity('notification_opt_outs')
@Check('notification_opt_outs_category_check', `category IN ('digest', 'survey')`)
export class NotificationOptOut {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  category: OptionalCategory;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
