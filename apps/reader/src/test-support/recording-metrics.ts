import type { ReaderMetrics } from '../handler/create-handler';

export interface RecordedMetric {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly dimensions: Record<string, string>;
}

/** A ReaderMetrics that keeps every published metric with its dimensions. */
export function recordingMetrics(): ReaderMetrics & { readonly published: RecordedMetric[] } {
  const published: RecordedMetric[] = [];
  let stored: RecordedMetric[] = [];
  return {
    published,
    addMetric: (name, unit, value) => {
      stored.push({ name, unit, value, dimensions: {} });
    },
    publishStoredMetrics: () => {
      published.push(...stored);
      stored = [];
    },
    captureColdStartMetric: () => undefined,
    singleMetric: () => {
      const dimensions: Record<string, string> = {};
      return {
        addDimension: (name, value) => {
          dimensions[name] = value;
        },
        addMetric: (name, unit, value) => {
          published.push({ name, unit, value, dimensions: { ...dimensions } });
        },
      };
    },
  };
}
