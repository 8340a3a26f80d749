import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@puente/accounts';
import { NotificationDataRegistry, NotificationsModule } from '@puente/notifications';
import { SafeguardingModule, VolunteerLinksRegistry } from '@puente/safeguarding';
import { TripApplicationEvent } from './entities/trip-application-event.entity';
import { TripApplication } from './entities/trip-application.entity';
import { TripDigest } from './entities/trip-digest.entity';
import { Trip } from './entities/trip.entity';
import { ApplicationsService } from './services/applications.service';
import { CoordinatorDigestService } from './services/coordinator-digest.service';
import { RequirementsReminderService } from './services/requirements-reminder.service';
import { RosterService } from './services/roster.service';
import { SeatsService } from './services/seats.service';
import { TripListingService } from './services/trip-listing.service';
import { TripNotifier } from './services/trip-notifier.service';
import { TripsService } from './services/trips.service';

const services = [
  ApplicationsService,
  CoordinatorDigestService,
  RequirementsReminderService,
  RosterService,
  SeatsService,
  TripListingService,
  TripNotifier,
  TripsService,
];

/** Trips, applications, seats, rosters and digests: used by the API and the worker alike. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Trip, TripApplication, TripApplicationEvent, TripDigest]),
    AccountsModule,
    NotificationsModule,
    SafeguardingModule,
  ],
  providers: services,
  exports: services,
})
export class TripsModule implements OnModuleInit {
  constructor(
    private readonly notificationData: NotificationDataRegistry,
    private readonly volunteerLinks: VolunteerLinksRegistry,
    private readonly requirements: RequirementsReminderService,
    private readonly applications: ApplicationsService,
  ) {}

  onModuleInit(): void {
    // The 21-day reminder says what is outstanding on the day it goes out (or is not sent).
    this.notificationData.register('reminder-requirements', (n) =>
      this.requirements.outstanding(n),
    );
    // Coordinators may see a volunteer's check while the volunteer has an active application with them.
    this.volunteerLinks.register((volunteerId) =>
      this.applications.activeOrganizationIds(volunteerId),
    );
  }
}
