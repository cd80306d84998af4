/** Where `npm start` tells phones to join (scripts/lan.mjs): the machine's LAN addresses, never loopback. */
import { expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { lanOrigins } from '../../scripts/lan.mjs';

const nets = {
  lo: [{ family: 'IPv4', internal: true, address: '127.0.0.1' }],
  eth0: [
    { family: 'IPv4', internal: false, address: '192.168.1.20' },
    { family: 'IPv6', internal: false, address: 'fe80::1' },
  ],
  wlan0: [{ family: 4, internal: false, address: '10.0.0.7' }],
  link: [{ family: 'IPv4', internal: false, address: '169.254.3.3' }],
};

it('lists every reachable IPv4 address with the port, loopback and link-local left out', () => {
  expect(lanOrigins(nets, 8787, undefined)).toEqual(['http://192.168.1.20:8787', 'http://10.0.0.7:8787']);
});

it('lists none when the server is bound to one address (HOST): phones could reach nothing else', () => {
  expect(lanOrigins(nets, 8787, '127.0.0.1')).toEqual([]);
});
