import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ADMISSIONS, TRIP_STATUSES } from '../entities/trip.entity';

export class OrganizationRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class TripView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: OrganizationRefView }) organization: OrganizationRefView;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 'GT' }) country: string;
  @ApiProperty() city: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ format: 'date' }) applicationDeadline: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'capacity minus accepted and confirmed applications' })
  seatsRemaining: number;
  @ApiProperty() costCents: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty() minAge: number;
  @ApiProperty() requiresBackgroundCheck: boolean;
  @ApiProperty() requiresSafeguardingTraining: boolean;
  @ApiProperty() requiresCodeOfConduct: boolean;
  @ApiProperty({ enum: ADMISSIONS }) admission: string;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ enum: TRIP_STATUSES }) status: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'present only for the coordinators and confirmed participants',
  })
  privateLocation?: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class TripPageView {
  @ApiProperty({ type: [TripView] }) items: TripView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
