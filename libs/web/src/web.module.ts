import { resolve } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { LiveController } from './live/live.controller';
import { WebAssetsController } from './static/web-assets.controller';
import { WEB_OPTIONS, type WebOptions } from './web-options';

/**
 * The web UI: its built files at `/` (with the single-page fallback for browser navigations) and
 * `GET /live`, the server-sent events that tell an open page when a trust it may see has changed.
 */
@Module({})
export class WebModule {
  static forRoot(options: Partial<WebOptions> = {}): DynamicModule {
    const distDir = options.distDir ?? resolve(process.cwd(), 'apps/web/dist');
    return {
      module: WebModule,
      // The live route is declared first so the catch-all of the assets controller never shadows it.
      controllers: [LiveController, WebAssetsController],
      providers: [{ provide: WEB_OPTIONS, useValue: { distDir } satisfies WebOptions }],
    };
  }
}
