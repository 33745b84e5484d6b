/**
 * The bridge from Express to React Router, after @react-router/express (MIT), with one change:
 * a form body that a guard has already read and checked (`response.locals.body`, see
 * `checkMultipartBody`) is handed over as it is, instead of the request stream.
 */
import {
  createReadableStreamFromReadable,
  writeReadableStreamToWritable,
} from '@react-router/node';
import type { NextFunction, Request, Response } from 'express';
import {
  createRequestHandler as createReactRouterHandler,
  type AppLoadContext,
  type ServerBuild,
} from 'react-router';

export interface RequestHandlerOptions {
  readonly build: ServerBuild;
  readonly mode: 'production' | 'development';
  getLoadContext(request: Request, response: Response): AppLoadContext;
}

export function createRequestHandler(options: RequestHandlerOptions) {
  const handleRequest = createReactRouterHandler(options.build, options.mode);
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      const fetchRequest = toFetchRequest(request, response);
      const reply = await handleRequest(fetchRequest, options.getLoadContext(request, response));
      await send(response, reply);
    } catch (error) {
      next(error);
    }
  };
}

function toFetchHeaders(incoming: Request['headers']): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

function toFetchRequest(request: Request, response: Response): globalThis.Request {
  const [, forwardedPort] = request.app.enabled('trust proxy')
    ? (request.get('X-Forwarded-Host')?.split(':') ?? [])
    : [];
  const [, hostPort] = request.get('host')?.split(':') ?? [];
  const port = [forwardedPort, hostPort]
    .map((value) => Number.parseInt(value ?? '', 10))
    .find((value) => Number.isSafeInteger(value));
  const hostname = request.hostname.split(/[\\/?#@]/)[0] || 'localhost';
  const url = new URL(
    `${request.protocol}://${hostname}${port ? `:${port}` : ''}${request.originalUrl}`,
  );
  let controller: AbortController | null = new AbortController();
  response.on('finish', () => (controller = null));
  response.on('close', () => controller?.abort());
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: toFetchHeaders(request.headers),
    signal: controller.signal,
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const read = response.locals.body as Buffer | undefined;
    init.body = read ?? createReadableStreamFromReadable(request);
    init.duplex = 'half';
  }
  return new Request(url.href, init);
}

async function send(response: Response, reply: globalThis.Response): Promise<void> {
  if (response.destroyed || response.writableEnded) {
    await reply.body?.cancel();
    return;
  }
  response.statusMessage = reply.statusText;
  response.status(reply.status);
  for (const [key, value] of reply.headers.entries()) response.append(key, value);
  if (reply.headers.get('Content-Type')?.match(/text\/event-stream/i)) response.flushHeaders();
  if (!reply.body) {
    response.end();
    return;
  }
  try {
    await writeReadableStreamToWritable(reply.body, response);
  } catch (error) {
    if (response.destroyed || response.writableEnded) return;
    throw error;
  }
}
