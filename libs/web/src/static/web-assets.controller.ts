import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@trustworks/auth';
import { WEB_OPTIONS, type WebOptions } from '../web-options';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};
const ASSET_NAME = /^[A-Za-z0-9._-]{1,200}$/;

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Trustworks</title>
<p>The web interface has not been built. Run <code>npm run build:web</code>, then reload.</p></html>`;

/**
 * Serves the built web UI. Vite names assets by content hash, so they are cached for good; the page
 * itself is never cached, so a new build is picked up on the next load. Any other GET that a browser
 * navigates to (Accept: text/html) gets the page, whose router then shows the view; API clients keep
 * the JSON 404 for unknown paths.
 */
@ApiExcludeController()
@Public()
@Controller()
export class WebAssetsController {
  constructor(@Inject(WEB_OPTIONS) private readonly options: WebOptions) {}

  @Get()
  async index(@Res() reply: FastifyReply): Promise<void> {
    await this.sendPage(reply);
  }

  @Get('assets/:file')
  async asset(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const type = TYPES[extname(file)];
    if (!ASSET_NAME.test(file) || !type) throw new NotFoundException(`Cannot GET /assets/${file}`);
    const body = await readFile(join(this.options.distDir, 'assets', file)).catch(() => null);
    if (!body) throw new NotFoundException(`Cannot GET /assets/${file}`);
    await reply
      .header('content-type', type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(body);
  }

  @Get('*')
  async fallback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const accept = String(request.headers.accept ?? '');
    if (!accept.includes('text/html')) throw new NotFoundException(`Cannot GET ${request.url}`);
    await this.sendPage(reply);
  }

  private async sendPage(reply: FastifyReply): Promise<void> {
    const page = await readFile(join(this.options.distDir, 'index.html'), 'utf8').catch(() => null);
    await reply
      .status(page ? 200 : 503)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(page ?? NOT_BUILT);
  }
}
