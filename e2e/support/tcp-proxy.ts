/**
 * A small TCP proxy between a browser and the PBX's WebSocket port, so a test can reset the
 * signalling connection for real while the PBX keeps running (a NAT timeout, a proxy restart).
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** ws://127.0.0.1:<port> of the proxy */
  wsUrl: string;
  /** how many connections it carried so far */
  readonly accepted: number;
  /** RST every open connection on both sides; new ones are still accepted */
  reset(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let accepted = 0;
  const track = (s: Socket): void => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => s.destroy());
  };
  const server: Server = createServer((client) => {
    accepted += 1;
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const reset = (): void => {
    for (const s of [...open]) s.resetAndDestroy();
  };
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    reset,
    close() {
      reset();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
