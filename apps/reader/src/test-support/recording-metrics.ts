import type { ReaderMetrics } from '../handler/create-handler';

export interface RecordedMetric {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly dimensions: Record<string, string>;
}

/** A ReaderMetrics that keeps every published metric with its dimensions (cleared on publish, as Powertools does). */
export function recordingMetrics(): ReaderMetrics & { readonly published: RecordedMetric[] } {
  const published: RecordedMetric[] = [];
  let stored: Omit<RecordedMetric, 'dimensions'>[] = [];
  let dimensions: Record<string, string> = {};
  return {
    published,
    addMetric: (name, unit, value) => {
      stored.push({ name, unit, value });
    },
    addDimension: (name, value) => {
      dimensions[name] = value;
    },
    publishStoredMetrics: () => {
      published.push(...stored.map((metric) => ({ ...metric, dimensions })));
      stored = [];
      dimensions = {};
    },
    captureColdStartMetric: () => undefined,
  };
}
