/**
 * Placing people in the rooms of a class (issue 15): pure and deterministic, so the class
 * object (party/class-room.ts) is a thin shell around it and the rule is tested without a
 * server. The comparison between rooms is only fair if the rooms are alike in size, so each
 * person goes to the room with the fewest people (ties: the earlier room), and within the
 * room to the city with the fewest people among the first `seats` cities (ties: the earlier
 * city). Once every seat of every room has someone, the same rule fills teams evenly: a
 * second person per city in every room before a third anywhere. Cities beyond `seats` stay
 * empty for bots to take at the start (party/rules/seats.ts fillEmptySeats).
 */

export interface Placed {
  /** Index of the room in the class. */
  room: number;
  city: string;
}

export interface Place extends Placed {
  /** The city already has someone: this person joins it as a team member. */
  team: boolean;
}

/** Where the next person goes, given everyone placed so far. `cities` are the scenario's, in order. */
export function placeNext(rooms: number, cities: readonly string[], seats: number, placed: readonly Placed[]): Place {
  if (rooms < 1) throw new Error('a class has at least one room');
  const room = emptiestRoom(rooms, placed);
  return { room, ...cityIn(room, cities, seats, placed) };
}

/** The city a person moved (or placed) into `room` takes: the emptiest of its first `seats` cities. */
export function cityIn(room: number, cities: readonly string[], seats: number, placed: readonly Placed[]): { city: string; team: boolean } {
  const open = cities.slice(0, Math.max(1, Math.min(seats, cities.length)));
  const count = new Map(open.map((c) => [c, 0]));
  for (const p of placed) if (p.room === room && count.has(p.city)) count.set(p.city, count.get(p.city)! + 1);
  let best = open[0]!;
  for (const c of open) if (count.get(c)! < count.get(best)!) best = c;
  return { city: best, team: count.get(best)! > 0 };
}

/** The room with the fewest people placed; ties go to the earlier room. */
export function emptiestRoom(rooms: number, placed: readonly Placed[]): number {
  const sizes = roomSizes(rooms, placed);
  let best = 0;
  for (let i = 1; i < rooms; i++) if (sizes[i]! < sizes[best]!) best = i;
  return best;
}

export function roomSizes(rooms: number, placed: readonly Placed[]): number[] {
  const sizes = Array.from({ length: rooms }, () => 0);
  for (const p of placed) if (p.room >= 0 && p.room < rooms) sizes[p.room]!++;
  return sizes;
}
