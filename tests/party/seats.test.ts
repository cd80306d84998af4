/** Who sits where: joining, teams, waiting, and the host's seat controls. */
import { describe, expect, it } from 'vitest';
import { BOT_STRATEGIES, STRATEGY_RULE } from '../../core/bots';
import { noDecisions } from '../../core/protocol/decisions';
import { clientMessageSchema } from '../../core/protocol/room';
import { check } from '../../core/protocol/validate';
import { MAX_MEMBERS, MAX_TEAM, unseatMoved } from '../../party/rules/seats';
import { passHolder, vouch } from '../../party/rules/doors';
import { hashToken } from '../../core/protocol/tokens';
import { MAX_CHAT_LINES } from '../../party/rules/talk';
import { HOST, SPECTATOR, env, lobby, must, player, refused, seated, started, teamJoin } from './fixture';

describe('joining', () => {
  it('takes a free city, and refuses a taken one unless joining as a team', () => {
    const room = must(lobby(), SPECTATOR, { type: 'join', name: 'Ana', city: 'hillton', team: false });
    expect(room.meta.members).toEqual([{ id: 'm1', name: 'Ana', tokenHash: 'b'.repeat(64), city: 'hillton' }]);
    expect(refused(room, SPECTATOR, { type: 'join', name: 'Dee', city: 'hillton', team: false })).toMatchObject({
      field: 'city',
      rule: 'hillton is already taken; join it as a team member instead',
    });
    const team = teamJoin(room, 'Ada', 'hillton');
    expect(team.meta.members.filter((m) => m.city === 'hillton').map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('refuses unknown, locked and bot-held cities, a second seat and the host', () => {
    const room = seated();
    expect(refused(room, SPECTATOR, { type: 'join', name: 'Dee', city: 'atlantis', team: false }).field).toBe('city');
    const locked = must(room, HOST, { type: 'lock', city: 'seaport', locked: true });
    expect(refused(locked, SPECTATOR, { type: 'join', name: 'Dee', city: 'seaport', team: true }).rule).toMatch(/locked/);
    const bot = must(room, HOST, { type: 'bot', city: 'metropolis', strategy: 'matcher' });
    expect(refused(bot, SPECTATOR, { type: 'join', name: 'Dee', city: 'metropolis', team: false }).rule).toMatch(/played by a bot/);
    expect(refused(room, player(room, 'Ben'), { type: 'join', name: 'Ben', city: 'metropolis', team: false }).field).toBe('(role)');
    expect(refused(room, HOST, { type: 'join', name: 'Host', city: 'metropolis', team: false }).field).toBe('(role)');
  });

  it('lets someone wait without a city until the host assigns one, then move them', () => {
    let room = must(lobby(), SPECTATOR, { type: 'join', name: 'Eve', city: null, team: false });
    const eve = player(room, 'Eve');
    expect(refused(room, eve, { type: 'chat', text: 'hi', to: null }).rule).toMatch(/take a city/);
    room = must(room, HOST, { type: 'assign', member: 'm1', city: 'seaport' });
    expect(room.meta.members[0]!.city).toBe('seaport');
    room = must(room, HOST, { type: 'assign', member: 'm1', city: 'hillton' });
    expect(room.meta.members[0]!.city).toBe('hillton');
    expect(refused(room, HOST, { type: 'assign', member: 'm9', city: 'hillton' }).field).toBe('member');
  });

  it('removes a kicked member, whose token then matches nobody', () => {
    const room = seated();
    const after = must(room, HOST, { type: 'kick', member: 'm2' });
    expect(after.meta.members.map((m) => m.name)).toEqual(['Ana', 'Ben', 'Cai']);
    expect(after.meta.members.some((m) => m.tokenHash === room.meta.members[1]!.tokenHash && m.id === 'm2')).toBe(false);
  });

  it('frees the seat of someone a class moved to another room: by name and the city it placed them on, else by a name only one member has', () => {
    const room = seated();
    const moved = (who: { name: string; city: string }) => {
      const out = unseatMoved(room, who);
      if (!out.ok) throw new Error(out.error.rule);
      return out.room.meta.members.map((m) => `${m.name}@${m.city}`);
    };
    expect(moved({ name: 'Ben', city: 'seaport' })).toEqual(['Ana@hillton', 'Ada@hillton', 'Cai@rivertown']);
    // Ben took another seat than the class suggested: his name alone finds him.
    expect(moved({ name: 'Ben', city: 'metropolis' })).toEqual(['Ana@hillton', 'Ada@hillton', 'Cai@rivertown']);
    // Nobody of that name: nothing changes.
    expect(moved({ name: 'Dee', city: 'seaport' })).toHaveLength(4);
    // Two members named alike on other cities: neither is guessed at.
    const twins = must(room, SPECTATOR, { type: 'join', name: 'Ben', city: 'metropolis', team: false });
    const out = unseatMoved(twins, { name: 'Ben', city: 'hillton' });
    expect(out.ok && out.room.meta.members).toHaveLength(5);
    // Only before the start: moves are refused once the class has started.
    const late = unseatMoved(started(), { name: 'Ben', city: 'seaport' });
    expect(!late.ok && late.error).toMatchObject({ field: '(phase)', code: 'already-started' });
  });

  it('seats a team join the class vouched for at once, once; without the word, or after a kick, it waits for the team', () => {
    const room = vouch(vouch(seated(), { person: 'p7', passHash: 'x'.repeat(64), city: 'seaport' }), { person: 'p8', passHash: 'y'.repeat(64), city: 'rivertown' });
    expect(room.meta.vouched!.map((v) => v.person)).toEqual(['p7', 'p8']);
    // A new word for the same person replaces the old one.
    expect(vouch(room, { person: 'p7', passHash: 'z'.repeat(64), city: 'hillton' }).meta.vouched!.map((v) => [v.person, v.city])).toEqual([['p8', 'rivertown'], ['p7', 'hillton']]);
    const join = { type: 'join', name: 'Dee', city: 'seaport', team: true } as const;
    const vouched = must(room, SPECTATOR, join, env(undefined, { vouched: 'p7' }));
    expect(vouched.meta.members.at(-1)).toMatchObject({ name: 'Dee', city: 'seaport' });
    expect(vouched.meta.requests).toEqual([]);
    expect(vouched.meta.vouched!.map((v) => v.person)).toEqual(['p8']);
    // No word: a request the team answers.
    const asked = must(room, SPECTATOR, join, env());
    expect(asked.meta.requests.map((r) => r.name)).toEqual(['Dee']);
    // After a kick from this address the host decides, word or not.
    expect(must(room, SPECTATOR, join, env(undefined, { vouched: 'p7', mustAsk: true })).meta.requests.map((r) => r.name)).toEqual(['Dee']);
  });

  it('takes a pass only for the city and the name the class placed, and never brings back a name the host kicked', async () => {
    const pass = await hashToken('0123456789abcdef0123456789abcdef');
    const room = vouch(seated(), { person: 'p7', passHash: pass, city: 'seaport', name: 'Dee' });
    expect(passHolder(room, { city: 'seaport', name: 'Dee' }, pass)).toBe('p7');
    // Handed to someone else, or shown for another seat, or forged: no pass.
    expect(passHolder(room, { city: 'seaport', name: 'Eve' }, pass)).toBeNull();
    expect(passHolder(room, { city: 'hillton', name: 'Dee' }, pass)).toBeNull();
    expect(passHolder(room, { city: 'seaport', name: 'Dee' }, await hashToken('f'.repeat(32)))).toBeNull();
    // A vouch stored before passes named anyone is taken for its city, as it was.
    expect(passHolder(vouch(seated(), { person: 'p7', passHash: pass, city: 'seaport' }), { city: 'seaport', name: 'Eve' }, pass)).toBe('p7');
    // Dee is seated with the pass, then kicked: a new pass from the class (any address) asks the team again.
    const join = { type: 'join', name: 'Dee', city: 'seaport', team: true } as const;
    const seatedDee = must(room, SPECTATOR, join, env(undefined, { vouched: 'p7' }));
    const dee = seatedDee.meta.members.at(-1)!;
    const kicked = must(vouch(seatedDee, { person: 'p7', passHash: pass, city: 'seaport', name: 'Dee' }), HOST, { type: 'kick', member: dee.id });
    expect(kicked.meta.kicked).toEqual(['Dee']);
    expect(must(kicked, SPECTATOR, join, env(undefined, { vouched: 'p7' })).meta.requests.map((r) => r.name)).toEqual(['Dee']);
    // A class move is no kick: it leaves the name free.
    expect(unseatMoved(seatedDee, { name: 'Dee', city: 'seaport' })).toMatchObject({ ok: true, room: { meta: { members: expect.not.arrayContaining([expect.objectContaining({ name: 'Dee' })]) } } });
    const moved = unseatMoved(seatedDee, { name: 'Dee', city: 'seaport' });
    expect(moved.ok && moved.room.meta.kicked).toBeFalsy();
  });

  it('refuses every host-only seat action from a player and a spectator, changing nothing', () => {
    const room = started();
    const actions = [
      { type: 'assign', member: 'm3', city: 'hillton' },
      { type: 'kick', member: 'm3' },
      { type: 'lock', city: 'hillton', locked: true },
      { type: 'mute', city: 'hillton', muted: true },
      { type: 'bot', city: 'hillton', strategy: 'frugal' },
    ] as const;
    for (const actor of [player(room, 'Ana'), SPECTATOR]) {
      for (const msg of actions) expect(refused(room, actor, msg)).toMatchObject({ field: '(role)', rule: expect.stringMatching(/^only the host can/) });
    }
  });

  it('hands a seat to a bot and back to people, who may then join it', () => {
    let room = must(started(), HOST, { type: 'bot', city: 'seaport', strategy: 'escalator' });
    expect(refused(room, player(room, 'Ben'), { type: 'submit', decisions: { ...noDecisions(1) } })).toMatchObject({ field: '(seat)', rule: 'seaport is played by a bot this round' });
    room = must(room, HOST, { type: 'close-round', round: 1 });
    expect(room.resolving!.source.seaport).toBe('bot');
    let back = must(started(), HOST, { type: 'bot', city: 'metropolis', strategy: null });
    back = must(back, SPECTATOR, { type: 'join', name: 'Dee', city: 'metropolis', team: false });
    expect(back.meta.members.find((m) => m.name === 'Dee')!.city).toBe('metropolis');
  });

  it('checks a bot strategy against the model’s list', () => {
    expect(refused(seated(), HOST, { type: 'bot', city: 'metropolis', strategy: 'genius' })).toMatchObject({ field: 'strategy', rule: STRATEGY_RULE });
  });

  it('hands a seat to any named strategy or to fixed:RATE, and refuses a rate out of range or not a number, naming the rule', () => {
    for (const strategy of ['fixed:0.3', 'best-response', 'fixed:0', 'fixed:5', ...BOT_STRATEGIES]) {
      const room = must(seated(), HOST, { type: 'bot', city: 'metropolis', strategy });
      expect(room.meta.seats.find((s) => s.city === 'metropolis')!.bot).toBe(strategy);
      // The room's message schema takes it too.
      expect(check(clientMessageSchema, { type: 'bot', city: 'metropolis', strategy }).ok).toBe(true);
    }
    expect(STRATEGY_RULE).toBe('must be one of frugal, matcher, escalator, cooperator, best-response, random, or fixed:RATE with RATE from 0 to 5');
    for (const strategy of ['fixed:9', 'fixed:abc', 'fixed:', 'fixed:-1', 'Fixed:1']) {
      expect(refused(seated(), HOST, { type: 'bot', city: 'metropolis', strategy })).toMatchObject({ field: 'strategy', rule: STRATEGY_RULE });
      expect(check(clientMessageSchema, { type: 'bot', city: 'metropolis', strategy })).toMatchObject({ ok: false, error: { field: 'strategy', rule: STRATEGY_RULE } });
    }
  });

  it('a fixed:RATE bot plays its rate for every factor when the round closes', () => {
    let room = must(started(), HOST, { type: 'bot', city: 'seaport', strategy: 'fixed:0.3' });
    room = must(room, HOST, { type: 'close-round', round: 1 });
    expect(room.resolving!.source.seaport).toBe('bot');
    expect(room.resolving!.decisions.seaport!.subsidies).toEqual({ talent: 0.3, startups: 0.3, capital: 0.3 });
  });
});

describe('starting', () => {
  it('needs a seated player, and fills empty seats with bots when bots are on', () => {
    expect(refused(must(lobby(), SPECTATOR, { type: 'join', name: 'Eve', city: null, team: false }), HOST, { type: 'start' }).field).toBe('(seats)');
    const on = started();
    expect(on.meta.seats.find((s) => s.city === 'metropolis')!.bot).not.toBeNull();
    expect(on.meta.seats.filter((s) => s.bot !== null)).toHaveLength(1);
    const off = started({ bots: false });
    expect(off.meta.seats.every((s) => s.bot === null)).toBe(true);
  });
});

describe('how much one room takes (what anyone with the code could otherwise fill)', () => {
  it('refuses the 121st person, the 9th member of a team, and the 5001st chat line, each with a reason', () => {
    let room = lobby();
    room = must(room, SPECTATOR, { type: 'join', name: 'H0', city: 'hillton', team: false });
    for (let i = 1; i < MAX_TEAM; i++) room = teamJoin(room, `H${i}`, 'hillton');
    expect(refused(room, SPECTATOR, { type: 'join', name: 'H9', city: 'hillton', team: true })).toMatchObject({ field: 'city', rule: `hillton's team is full (${MAX_TEAM} people)` });
    for (let i = room.meta.members.length; i < MAX_MEMBERS; i++) room = must(room, SPECTATOR, { type: 'join', name: `W${i}`, city: null, team: false });
    expect(refused(room, SPECTATOR, { type: 'join', name: 'Late', city: null, team: false })).toMatchObject({ field: '(room)', rule: `the room is full (${MAX_MEMBERS} people)` });

    // A full chat (per-person allowances make it take many people: rules/quota.ts) refuses players, never the host.
    const base = started();
    const line = { seq: 0, at: 0, round: 1, from: 'seaport', name: 'Ben', to: null, text: 'x' };
    const talk = { ...base, chat: Array.from({ length: MAX_CHAT_LINES }, (_, i) => ({ ...line, seq: i + 1 })) };
    expect(refused(talk, player(talk, 'Ben'), { type: 'chat', text: 'one more', to: null })).toMatchObject({ field: '(room)', rule: `the chat is full (${MAX_CHAT_LINES} lines)` });
    expect(must(talk, HOST, { type: 'chat', text: 'the host still speaks', to: null }).chat).toHaveLength(MAX_CHAT_LINES + 1);
  });
});

describe('the bots that fill empty seats', () => {
  it('always include the tempted, the racer and the cooperator, on cities the seed picks', () => {
    const casts = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      let room = lobby({ seed });
      room = must(room, SPECTATOR, { type: 'join', name: 'Solo', city: 'hillton', team: false });
      room = must(room, HOST, { type: 'start' });
      const bots = room.meta.seats.filter((s) => s.bot !== null);
      expect(bots.map((s) => s.bot).sort()).toEqual(['best-response', 'cooperator', 'escalator']);
      casts.add(bots.map((s) => `${s.city}:${s.bot}`).join(' '));
    }
    // Which city races and which cooperates changes with the seed.
    expect(casts.size).toBeGreaterThan(2);
  });
});
