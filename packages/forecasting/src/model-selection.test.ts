import { etsMethodName } from './ets-model';
import { candidateSpecs, selectModels } from './model-selection';

const names = (y: number[]): string[] => candidateSpecs(y, 7).map(etsMethodName);
const ramp = (n: number, start = 10): number[] => Array.from({ length: n }, (_, t) => start + (t % 7) + 0.1 * t);

describe('candidateSpecs', () => {
  it('when there are fewer than 7 points, then no ETS model is tried', () => {
    expect(names(ramp(6))).toEqual([]);
  });

  it('when there are 7 to 13 points, then only non-seasonal models whose parameters the data can carry are tried', () => {
    expect(names(ramp(7))).toEqual(['ETS(A,N,N)', 'ETS(M,N,N)']);
    expect(names(ramp(9))).toEqual(['ETS(A,N,N)', 'ETS(M,N,N)', 'ETS(A,A,N)']);
    expect(names(ramp(13))).toEqual(['ETS(A,N,N)', 'ETS(M,N,N)', 'ETS(A,A,N)', 'ETS(A,Ad,N)', 'ETS(M,Ad,N)']);
  });

  it('when there are two weeks or more of positive data, then seasonal models join, multiplicative ones included', () => {
    const seasonal = names(ramp(28)).filter((name) => !name.endsWith('N)'));
    expect(seasonal).toEqual(['ETS(A,N,A)', 'ETS(M,N,A)', 'ETS(A,A,A)', 'ETS(A,Ad,A)', 'ETS(M,Ad,A)', 'ETS(M,N,M)', 'ETS(M,Ad,M)']);
  });

  it('when the series has a zero, then no multiplicative model is tried', () => {
    const withZero = [...ramp(27), 0];
    expect(names(withZero).every((name) => name.startsWith('ETS(A') && !name.endsWith('M)'))).toBe(true);
  });
});

describe('selectModels', () => {
  it('when fitting a seasonal series, then weights are Akaike weights: positive, summing to 1, best first', () => {
    const selection = selectModels(ramp(56), 7);
    expect(selection.length).toBeGreaterThan(0);
    expect(selection.reduce((sum, entry) => sum + entry.weight, 0)).toBeCloseTo(1, 12);
    selection.forEach((entry, i) => {
      expect(entry.weight).toBeGreaterThan(0);
      if (i > 0 && entry.model.kind === 'ets' && selection[i - 1]!.model.kind === 'ets') {
        expect(entry.model.aicc).toBeGreaterThanOrEqual((selection[i - 1]!.model as { aicc: number }).aicc);
      }
    });
  });

  it('when the series is constant or too short, then the mean model is used alone', () => {
    expect(selectModels([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 7).map((entry) => entry.model.method)).toEqual(['mean']);
    expect(selectModels([1, 2, 3], 7).map((entry) => entry.model.method)).toEqual(['mean']);
  });
});
