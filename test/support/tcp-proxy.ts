import net from 'node:net';

interface Target {
  host: string;
  port: number;
}

/**
 * A loopback TCP proxy in front of the coordinator, for fault tests: it can
 * slow what a site sends (so a kill lands mid-upload) and cut every open
 * connection at once (a hospital link dropping). Given several targets it is
 * a failover balancer, as a load balancer with health checks is to the
 * coordinator processes behind one address: each connection goes to the
 * first target that accepts it.
 */
export class TcpProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  /** Bytes per second from the site to the coordinator; 0 = no limit. */
  bytesPerSecond = 0;
  port = 0;
  /** Tried in order for each new connection. */
  targets: Target[];

  constructor(targets: Target | Target[]) {
    this.targets = Array.isArray(targets) ? targets : [targets];
    this.server = net.createServer((client) => this.relay(client));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Holds the client until a target accepts; with none left, drops it as a refused connection would be. */
  private relay(client: net.Socket, tried = 0): void {
    const target = this.targets[tried];
    if (!target) {
      client.destroy();
      return;
    }
    if (tried === 0) {
      client.pause();
      client.on('error', () => client.destroy());
    }
    const upstream = net.connect(target.port, target.host);
    let connected = false;
    upstream.once('error', () => {
      if (connected) return;
      upstream.destroy();
      if (!client.destroyed) this.relay(client, tried + 1);
    });
    upstream.once('connect', () => {
      connected = true;
      this.pipe(client, upstream);
    });
  }

  private pipe(client: net.Socket, upstream: net.Socket): void {
    this.sockets.add(client).add(upstream);
    client.resume();
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (this.bytesPerSecond > 0) {
        client.pause();
        setTimeout(() => client.resume(), (chunk.length / this.bytesPerSecond) * 1000);
      }
    });
    upstream.pipe(client);
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  }

  /** Drops every open connection, as a flaky link does; new ones are still accepted. */
  cut(): number {
    const open = this.sockets.size / 2;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return open;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
