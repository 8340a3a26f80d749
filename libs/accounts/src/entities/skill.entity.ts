import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('skills')
export class Skill {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  slug: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  category: string;
}
