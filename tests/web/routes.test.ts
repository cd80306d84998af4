/** The client's route table (web/src/lib/routes.ts): every shared link lands on its screen with its props. */
import { describe, expect, it } from 'vitest';
import { ROUTES, parseRoute } from '../../web/src/lib/routes';

describe('the route table', () => {
  it.each([
    ['/', 'home', {}],
    ['/play/k7pm3x', 'play', { code: 'K7PM3X' }],
    ['/play/K7PM3X/', 'play', { code: 'K7PM3X' }],
    ['/host', 'host-new', {}],
    ['/host/K7PM3X', 'host', { code: 'K7PM3X' }],
    ['/screen/K7PM3X', 'screen', { code: 'K7PM3X' }],
    ['/solo', 'solo-new', {}],
    ['/solo/AB12CD', 'solo', { code: 'AB12CD' }],
    ['/archive/abc-123', 'archive', { id: 'abc-123' }],
    ['/shared/0123456789abcdef0123456789abcdef', 'shared', { share: '0123456789abcdef0123456789abcdef' }],
    ['/briefings/zhejiang-mountain-sea', 'briefings', { scenario: 'zhejiang-mountain-sea' }],
    ['/class/q8mz2k', 'class', { code: 'Q8MZ2K' }],
    ['/class-screen/Q8MZ2K', 'class-screen', { code: 'Q8MZ2K' }],
  ])('%s → %s', (path, name, props) => {
    const r = parseRoute(path);
    expect(r.name).toBe(name);
    expect(r.props).toEqual(props);
  });

  it.each(['/nope', '/play/', '/play/way-too-long-a-code', '/shared/ZZZ', '/briefings/Bad Name', '/host/K7/extra'])('%s is not found', (path) => {
    expect(parseRoute(path)).toMatchObject({ name: 'not-found', def: null });
  });

  it('names each screen once; every screen but the first download loads on demand; only the projectors (a room’s, a class’s) are bare', () => {
    const names = ROUTES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of ROUTES) expect('load' in r, r.name).toBe(r.name !== 'home' && r.name !== 'play');
    expect(ROUTES.filter((r) => 'bare' in r && r.bare).map((r) => r.name)).toEqual(['screen', 'class-screen']);
  });

  it('keys a screen by its props, so another game makes it anew', () => {
    expect(parseRoute('/host/AAAAAA').key).not.toBe(parseRoute('/host/BBBBBB').key);
    expect(parseRoute('/host/AAAAAA').key).toBe(parseRoute('/host/aaaaaa/').key);
  });
});
