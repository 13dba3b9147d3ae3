export { WebModule } from './web.module';
export { WEB_OPTIONS, type WebOptions } from './web-options';
