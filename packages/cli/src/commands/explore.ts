import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { intOption } from '../options.js';

/** The explorer's built pages: packages/explorer/dist, beside this package in the repository. */
const EXPLORER_DIST = fileURLToPath(new URL('../../../explorer/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves `root` read-only: GET and HEAD of files under it, nothing else. */
export function staticServer(root: string): Server {
  return createServer((req, res) => {
    const fail = (status: number, text: string): void => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'read-only');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return fail(400, 'bad path');
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return fail(404, 'not found');
    void stat(file).then(
      (s) => {
        if (!s.isFile()) return fail(404, 'not found');
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-length': s.size,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        });
        if (req.method === 'HEAD') return res.end();
        createReadStream(file).pipe(res);
      },
      () => fail(404, 'not found'),
    );
  });
}

export const explore: CliCommand = {
  command: 'explore',
  describe: 'Open the explorer in a browser: serves it on 127.0.0.1 and prints the address',
  builder: (y) =>
    y.option('port', { type: 'number', describe: 'Port on 127.0.0.1 (0: any free port)', default: 4173 }),
  examples: [
    ['carecast explore', 'serve the explorer on http://127.0.0.1:4173/ until Ctrl-C'],
    ['carecast explore --port 0', 'on any free port'],
  ],
  async run(args, io) {
    const port = intOption(args['port'], 'port', 0, 65_535) ?? 4173;
    const built = await stat(join(EXPLORER_DIST, 'index.html')).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!built) throw new UsageError(`the explorer is not built (no ${join(EXPLORER_DIST, 'index.html')}); run pnpm build first`);
    const server = staticServer(EXPLORER_DIST);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new UsageError(`--port: ${port} is in use on 127.0.0.1; pick another or --port 0`) : error),
      );
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address();
    const actual = typeof address === 'object' && address !== null ? address.port : port;
    io.stdout.write(`Carecast explorer: http://127.0.0.1:${actual}/\n`);
    io.stdout.write('Serving the built page from this machine only (127.0.0.1); the page itself makes no network requests. Ctrl-C stops.\n');
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
