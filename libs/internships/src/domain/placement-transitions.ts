import type { PlacementStatus } from '../entities/placement.entity';

export type PlacementAction = 'accept' | 'decline' | 'withdraw' | 'clear';

/**
 * offered → placed | awaiting_requirements (accept; the gate decides which) | declined;
 * awaiting_requirements → placed (requirements met) | declined; any active one → withdrawn
 * (the intern withdrew the application, or the need was closed before they were placed).
 */
export const PLACEMENT_TRANSITIONS: Record<PlacementAction, PlacementStatus[]> = {
  accept: ['offered'],
  decline: ['offered', 'awaiting_requirements'],
  withdraw: ['offered', 'awaiting_requirements', 'placed'],
  clear: ['awaiting_requirements'],
};

export function canPlacement(action: PlacementAction, from: PlacementStatus): boolean {
  return PLACEMENT_TRANSITIONS[action].includes(from);
}
