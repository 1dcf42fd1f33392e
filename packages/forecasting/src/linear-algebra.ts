/**
 * Solves (A + λI)x = b for a symmetric positive semi-definite A by Cholesky factorisation (Golub & Van Loan,
 * *Matrix Computations*, §4.2). Only the lower triangle of the row-major `matrix` (size × size) is read. A ridge
 * λ = 1e-10 · max diag(A) keeps nearly collinear seed states (short series) solvable; the answer then is the
 * minimum-norm-leaning least-squares solution. Returns undefined when the factorisation fails (non-finite input).
 */
export function solveSymmetric(matrix: Float64Array, rhs: Float64Array, size: number): Float64Array | undefined {
  let maxDiagonal = 0;
  for (let i = 0; i < size; i++) maxDiagonal = Math.max(maxDiagonal, matrix[i * size + i] ?? 0);
  if (!(maxDiagonal > 0) || !Number.isFinite(maxDiagonal)) return undefined;
  const ridge = 1e-10 * maxDiagonal;
  const factor = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = (matrix[i * size + j] ?? 0) + (i === j ? ridge : 0);
      for (let k = 0; k < j; k++) sum -= (factor[i * size + k] ?? 0) * (factor[j * size + k] ?? 0);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        factor[i * size + i] = Math.sqrt(sum);
      } else {
        factor[i * size + j] = sum / (factor[j * size + j] ?? 1);
      }
    }
  }
  const x = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let sum = rhs[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (factor[i * size + k] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (factor[i * size + i] ?? 1);
  }
  for (let i = size - 1; i >= 0; i--) {
    let sum = x[i] ?? 0;
    for (let k = i + 1; k < size; k++) sum -= (factor[k * size + i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (factor[i * size + i] ?? 1);
  }
  return Number.isFinite(x[0] ?? NaN) ? x : undefined;
}
