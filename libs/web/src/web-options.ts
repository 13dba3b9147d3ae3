export const WEB_OPTIONS = Symbol('WEB_OPTIONS');

export interface WebOptions {
  /** The Vite build of apps/web (index.html and assets/). */
  distDir: string;
}
