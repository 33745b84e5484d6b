/**
 * Graceful shutdown of `bfm serve`: on SIGTERM a request in flight is still answered, new
 * connections are refused, and the process exits 0. On PGlite and on PostgreSQL.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';

let environment: TestEnvironment;
let app: AppProcess | undefined;

beforeAll(async () => {
  environment = await createTestEnvironment();
});
afterAll(async () => {
  await app?.stop('SIGKILL');
  await environment.dispose();
});

/**
 * Opens a raw connection and sends a form post whose body arrives in two halves, so the
 * request is in flight (the server is reading its body) for as long as the test likes.
 */
function startSlowPost(url: string, path: string, body: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let response = '';
  socket.on('data', (chunk) => (response += chunk.toString()));
  const closed = new Promise<string>((resolve, reject) => {
    socket.on('end', () => resolve(response));
    socket.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  socket.write(
    [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Content-Type: application/x-www-form-urlencoded',
      `Content-Length: ${body.length}`,
      'Connection: close',
      '',
      body.slice(0, half),
    ].join('\r\n'),
  );
  return { finish: () => socket.write(body.slice(half)), response: closed };
}

describe('graceful shutdown', () => {
  it('answers the request in flight, refuses new connections and exits 0 on SIGTERM', async () => {
    app = await startAppProcess(environment.env);
    const health = await fetch(`${app.url}/gezondheid`);
    expect(health.status).toBe(200);

    const post = startSlowPost(app.url, '/wachtwoord-vergeten', 'email=iemand%40example.nl');
    // Let the server take the request and start waiting for the rest of its body.
    await new Promise((resolve) => setTimeout(resolve, 500));
    app.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));

    await expect(fetch(`${app.url}/gezondheid`)).rejects.toThrow();
    expect(app.child.exitCode).toBeNull();

    post.finish();
    const response = await post.response;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('Als er een account is met dit e-mailadres');
    expect(await app.exited).toBe(0);
  });
});
