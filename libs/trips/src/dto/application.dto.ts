import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '@puente/platform';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../entities/trip-application.entity';
import { ADMISSIONS, TRIP_STATUSES } from '../entities/trip.entity';
import { trim } from './trip.dto';
import { OrganizationRefView } from './trip.view';

export class ApplyDto {
  @ApiProperty({
    example: 'I have taught art to children for five years and speak Spanish.',
    minLength: 10,
    maxLength: 5000,
  })
  @Transform(trim)
  @IsString()
  @MinLength(10, { message: 'motivation must be at least 10 characters' })
  @MaxLength(5000)
  motivation: string;
}

export class ListTripApplicationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, {
    message: `status must be one of ${APPLICATION_STATUSES.join(', ')}`,
  })
  status?: ApplicationStatus;
}

export class ApplicationTripView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() city: string;
  @ApiProperty() country: string;
  @ApiProperty({ enum: TRIP_STATUSES }) status: string;
  @ApiProperty({ enum: ADMISSIONS }) admission: string;
  @ApiProperty({ type: OrganizationRefView }) organization: OrganizationRefView;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'present only once the application is confirmed, and for coordinators',
  })
  privateLocation?: string | null;
}

export class VolunteerRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class HistoryEntryView {
  @ApiProperty({ enum: APPLICATION_STATUSES, nullable: true, type: String }) from: string | null;
  @ApiProperty({ enum: APPLICATION_STATUSES }) to: string;
  @ApiProperty() at: Date;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'who made the change; null when the system did (a promotion from the waitlist)',
  })
  by: string | null;
  @ApiProperty({ nullable: true, type: String }) byName: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ type: ApplicationTripView }) trip: ApplicationTripView;
  @ApiProperty({ type: VolunteerRefView }) volunteer: VolunteerRefView;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty() motivation: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ApplicationDetailView extends ApplicationView {
  @ApiProperty({ type: [HistoryEntryView], description: 'oldest first' })
  history: HistoryEntryView[];
}

export class ApplicationPageView {
  @ApiProperty({ type: [ApplicationView] }) items: ApplicationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
