import { decideRestart, type RestartPolicy } from './restart-policy';

const policy: RestartPolicy = { initialDelayMs: 250, maxDelayMs: 1_500, maxCrashes: 4, windowMs: 60_000 };

describe('decideRestart', () => {
  test('when a service crashes for the first time, then it is restarted after the initial pause', () => {
    expect(decideRestart([10_000], policy)).toEqual({ restart: true, delayMs: 250 });
  });

  test('when crashes follow each other within the window, then each pause doubles up to the cap', () => {
    expect(decideRestart([0, 1_000], policy)).toEqual({ restart: true, delayMs: 500 });
    expect(decideRestart([0, 1_000, 2_000], policy)).toEqual({ restart: true, delayMs: 1_000 });
    expect(decideRestart([0, 1_000, 2_000], { ...policy, maxCrashes: 10, maxDelayMs: 700 })).toEqual({ restart: true, delayMs: 700 });
  });

  test('when the crashes within the window reach the limit, then the launcher gives up and says why', () => {
    expect(decideRestart([0, 1_000, 2_000, 3_000], policy)).toEqual({ restart: false, reason: '4 crashes within 60 s' });
  });

  test('when earlier crashes are older than the window, then they are forgiven', () => {
    expect(decideRestart([0, 1_000, 2_000, 62_500], policy)).toEqual({ restart: true, delayMs: 250 });
    expect(decideRestart([0, 1_000, 2_000, 61_500], policy)).toEqual({ restart: true, delayMs: 500 });
  });
});
