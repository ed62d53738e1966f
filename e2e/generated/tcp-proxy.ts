/**
 * A TCP proxy in front of PostgreSQL that the fault tests control: forward,
 * cut (every open connection reset, as a restart or failover does), refuse
 * (nothing listens: connection refused) and black-hole (connections are
 * accepted and bytes taken, but nothing ever comes back). Restoring drops the
 * black-holed connections, as a failover would, and forwards again.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import { onCleanup } from "./processes";

type ProxyMode = "forward" | "refuse" | "blackhole";

export type TcpProxy = {
  port: number;
  mode: () => ProxyMode;
  cut: () => void;
  refuse: () => Promise<void>;
  blackhole: () => void;
  restore: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let mode: ProxyMode = "forward";
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const onConnection = (client: Socket) => {
    track(client);
    if (mode === "blackhole") {
      client.resume(); // read and drop: the peer sees an open, silent connection
      return;
    }
    const upstream = connect(targetPort, "127.0.0.1");
    track(upstream);
    client.on("data", (chunk) => {
      if (mode === "forward") upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (mode === "forward") client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  };
  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
    });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const destroyAll = () => {
    for (const socket of sockets) socket.resetAndDestroy();
  };
  const port = await listen(0);

  const stop = async () => {
    unregister();
    destroyAll();
    if (server.listening) await close();
  };
  const unregister = onCleanup(stop);
  return {
    port,
    mode: () => mode,
    cut: destroyAll,
    refuse: async () => {
      mode = "refuse";
      destroyAll();
      await close();
    },
    blackhole: () => {
      mode = "blackhole";
    },
    restore: async () => {
      if (mode === "blackhole") destroyAll();
      if (!server.listening) {
        server = createServer(onConnection);
        await listen(port);
      }
      mode = "forward";
    },
    stop,
  };
}
