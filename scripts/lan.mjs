// The addresses phones on the same network can reach this machine at, for `npm start`
// (scripts/start.mjs): every IPv4 address that is not loopback, unless the server is bound to
// one address only (HOST), when phones reach nothing else.
/** @param {Record<string, {family: string | number, internal: boolean, address: string}[] | undefined>} interfaces */
export function lanOrigins(interfaces, port, host) {
  if (host) return [];
  return Object.values(interfaces)
    .flat()
    .filter((a) => a && (a.family === 'IPv4' || a.family === 4) && !a.internal && !a.address.startsWith('169.254.'))
    .map((a) => `http://${a.address}:${port}`);
}
