/**
 * Where this machine reaches a server listening on `host`:`port`. A wildcard (`0.0.0.0`, `::`) is
 * reached on 127.0.0.1, not `localhost`, which may resolve to ::1 first, where an IPv4 listener
 * does not answer; an IPv6 address goes in brackets.
 */
export function localOrigin(host: string, port: number): string {
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}
