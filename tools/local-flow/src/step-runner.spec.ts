import { describe, expect, it } from 'vitest';
import { StepFailure, StepRunner } from './step-runner';

describe('StepRunner', () => {
  it('numbers the steps and says ok or FAILED after each', async () => {
    // Arrange
    let out = '';
    const steps = new StepRunner(2, (text) => (out += text));

    // Act
    await steps.run(
      'first',
      async () => 3,
      (n) => `${n} items`,
    );
    const failed = steps.run('second', () => Promise.reject(new Error('boom')));

    // Assert
    await expect(failed).rejects.toBeInstanceOf(StepFailure);
    expect(out).toMatch(/^\[1\/2\] first \.\.\. ok \(\d+\.\d s, 3 items\)\n\[2\/2\] second \.\.\. FAILED\n$/);
  });

  it('writes nothing once silenced: a step killed by a stop does not print FAILED into the stop messages', async () => {
    // Arrange: a step whose command is still running when the signal comes
    let out = '';
    const steps = new StepRunner(1, (text) => (out += text));
    let kill: (error: Error) => void = () => undefined;
    const running = steps.run('synth', () => new Promise<never>((_, reject) => (kill = reject)));

    // Act: the stop silences the runner, then kills the command
    steps.silence();
    kill(new Error('killed by SIGTERM'));

    // Assert
    await expect(running).rejects.toBeInstanceOf(StepFailure);
    expect(out).toBe('[1/1] synth ...');
  });
});
