/**
 * What a room tells the class of rooms about itself and how it takes the class's commands
 * (issue 15; party/game.ts `classStatus`, `classCommand`). Pure: the room's phase and round,
 * how many people and bots hold its seats, and which seats have submitted (never what: sealed
 * bids stay sealed, §3.2's simultaneous moves). A class command is the host's own message of
 * the same name, for the round the room holds, so it runs through the same rules (logic.ts).
 */
import type { RoomAction, RoomStatus } from '../core/protocol/class';
import type { Action } from './logic';
import { membersOf, type Room } from './room';

export function roomStatus(room: Room): RoomStatus {
  const { meta } = room;
  const seats = meta.seats.map((s) => ({ city: s.city, people: membersOf(room, s.city).length, bot: s.bot !== null, submitted: room.submissions[s.city] !== undefined }));
  return {
    code: meta.code,
    phase: meta.phase,
    round: meta.round,
    rounds: meta.settings.rounds,
    paused: meta.paused,
    people: meta.members.length,
    bots: seats.filter((s) => s.bot).length,
    seats,
    resolution: meta.resolution && { attempts: meta.resolution.attempts, refused: meta.resolution.refused, lastError: meta.resolution.lastError },
    lastActivity: meta.lastActivity,
  };
}

/** The host message a class action is in this room: rounds are the room's own (the one open or under review). */
export function classMessage(room: Room, action: RoomAction): Action {
  switch (action) {
    case 'close-round':
    case 'continue':
      return { type: action, round: room.meta.round };
    default:
      return { type: action };
  }
}
