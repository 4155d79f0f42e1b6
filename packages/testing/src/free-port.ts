import { createServer } from 'node:net';

/**
 * Asks the OS for an unused TCP port by binding port 0 on loopback. The port
 * is released before the caller uses it, so another process can still grab it
 * in between; callers that own the port choice retry on a bind failure.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not determine a free TCP port'));
        return;
      }
      const { port } = address;
      server.close(() => resolve(port));
    });
  });
}
