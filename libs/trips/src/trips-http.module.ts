import { Module } from '@nestjs/common';
import { AccountsModule } from '@puente/accounts';
import { ApplicationAccessGuard } from './http/application-access.guard';
import { ApplicationsController } from './http/applications.controller';
import { TripAccessGuard } from './http/trip-access.guard';
import { TripsController } from './http/trips.controller';
import { TripsModule } from './trips.module';

/** The HTTP side of trips (API only). */
@Module({
  imports: [TripsModule, AccountsModule],
  controllers: [TripsController, ApplicationsController],
  providers: [TripAccessGuard, ApplicationAccessGuard],
})
export class TripsHttpModule {}
