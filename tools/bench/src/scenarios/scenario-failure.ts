import type { Figure } from '../report/figure';

/**
 * A measurement that could not complete, as a table line. It carries a budget so the run exits non-zero: a
 * figure that silently went missing would otherwise read as a pass.
 */
export function scenarioFailure(section: string, error: unknown): Figure {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id: `${section.split(' ')[0]}.failed`,
    section,
    label: 'measurement did not complete',
    value: null,
    unit: '',
    budget: { max: 0, inclusive: true, meaning: 'the measurement must complete', text: 'completes' },
    note: (message.split('\n')[0] ?? '').slice(0, 200),
  };
}
