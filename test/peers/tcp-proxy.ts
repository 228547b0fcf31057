import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Stops forwarding in both directions without closing anything: packets "dropped". */
  stall(): void;
  /** Forwards again, including what was held back. */
  resume(): void;
  close(): Promise<void>;
}

/**
 * A local TCP proxy to `target`, for database outage tests: while stalled,
 * connections stay open and accepted, but no byte moves either way, the way
 * a network that drops packets looks to PostgreSQL clients.
 */
export function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let stalled = false;
  const pending: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => {
      if (stalled) pending.push(() => to.write(chunk));
      else to.write(chunk);
    });
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    forward(client, upstream);
    forward(upstream, client);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        stall() {
          stalled = true;
        },
        resume() {
          stalled = false;
          for (const send of pending.splice(0)) send();
        },
        close() {
          for (const socket of sockets) socket.destroy();
          return new Promise((r) => server.close(() => r()));
        },
      });
    });
  });
}
