import { setFlagsFromString } from 'node:v8';
import type { AppConfig } from './app-config';

/**
 * Applies `HEAP_GROWTH_PERCENT` to this process (the API's entry point and the benchmark's server).
 * Call it before the app allocates much: V8 reads the factor each time it sizes the heap.
 */
export function applyHeapGrowth(config: Pick<AppConfig, 'heapGrowthPercent'>): void {
  if (config.heapGrowthPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);
}
