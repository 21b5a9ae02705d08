/**
 * A tiny authoritative DNS server on loopback for domain-verification tests:
 * it answers TXT questions from `records` (name → records), says NXDOMAIN for
 * names it does not know, and SERVFAIL for names in `failing`. UDP only.
 */
import dgram from "node:dgram";
import dnsPacket, { type Answer } from "dns-packet";

const NXDOMAIN = 3;
const SERVFAIL = 2;

export interface DnsServer {
  port: number;
  /**
   * TXT records by name (lower-case, no trailing dot), each a string or, like a
   * long record, several strings; change it while the server runs.
   */
  records: Map<string, (string | string[])[]>;
  /** Names the server answers with SERVFAIL, as a broken upstream would. */
  failing: Set<string>;
  stop(): Promise<void>;
}

export async function startDnsServer(port = 0): Promise<DnsServer> {
  const socket = dgram.createSocket("udp4");
  const records = new Map<string, (string | string[])[]>();
  const failing = new Set<string>();

  socket.on("message", (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // Not DNS: nothing to answer.
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, "");
    const values = records.get(name);
    let rcode = 0;
    let answers: Answer[] = [];
    if (failing.has(name)) rcode = SERVFAIL;
    else if (!values) rcode = NXDOMAIN;
    else if (question.type === "TXT") answers = values.map((value) => ({ type: "TXT", name: question.name, ttl: 60, class: "IN", data: value }));
    const response = dnsPacket.encode({
      id: query.id,
      type: "response",
      flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | rcode,
      questions: [question],
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, "127.0.0.1", () => {
      socket.off("error", reject);
      resolve();
    });
  });

  return {
    port: socket.address().port,
    records,
    failing,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
