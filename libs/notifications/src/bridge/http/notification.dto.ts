import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@puente/platform';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { NotificationStatus } from '../../entities/notification.entity';

const STATUSES: NotificationStatus[] = ['pending', 'sent', 'failed', 'cancelled'];

export class MyNotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'application-accepted' }) template: string;
  @ApiProperty({ enum: STATUSES }) status: NotificationStatus;
  @ApiProperty({ description: 'when it is (or was) due to go out' }) sendAt: string;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
}

export class MyNotificationsPage {
  @ApiProperty({ type: [MyNotificationView] }) items: MyNotificationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AdminNotificationView extends MyNotificationView {
  @ApiProperty({ description: 'the email address it goes to' }) recipient: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({ description: 'send attempts made' }) attempts: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'why the last attempt failed, or why it was dropped',
  })
  lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: String }) messageId: string | null;
  @ApiProperty({ example: 'application:…:accepted' }) dedupeKey: string;
  @ApiProperty() createdAt: string;
}

export class AdminNotificationsPage {
  @ApiProperty({ type: [AdminNotificationView] }) items: AdminNotificationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AdminNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: NotificationStatus;

  @ApiPropertyOptional({ example: 'reminder-departure' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9.-]{1,64}$/, { message: 'template must be a template name' })
  template?: string;
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'the token from the email’s unsubscribe link' })
  @IsString()
  @MaxLength(200)
  token: string;
}

export class UnsubscribedView {
  @ApiProperty() unsubscribed: boolean;
  @ApiProperty({ enum: ['digest', 'survey'] }) category: string;
}
