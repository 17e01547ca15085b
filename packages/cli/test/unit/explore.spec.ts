import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticServer } from '../../src/commands/explore.js';

/** Sends a raw request path (not normalised by a URL parser) and returns status and body. */
function get(port: number, path: string, method = 'GET'): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('carecast explore: the static server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-explore-'));
  const root = join(dir, 'dist');
  const server = staticServer(root);
  let port = 0;

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>explorer</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not to be served');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page and its assets with their types', async () => {
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>explorer</title>');
    expect(page.type).toBe('text/html; charset=utf-8');
    expect((await get(port, '/assets/app.js')).type).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside its folder, and nothing but GET and HEAD', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt']) {
      const res = await get(port, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('not to be served');
    }
    expect((await get(port, '/missing.js')).status).toBe(404);
    expect((await get(port, '/assets')).status).toBe(404);
    expect((await get(port, '/', 'POST')).status).toBe(405);
    expect((await get(port, '/', 'HEAD')).status).toBe(200);
  });
});
