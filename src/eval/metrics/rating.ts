// Rating-prediction errors: RMSE = sqrt(mean((y - ŷ)^2)), MAE = mean(|y - ŷ|).

export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length !== predicted.length) throw new RangeError('actual and predicted differ in length');
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (actual[i]! - predicted[i]!) ** 2;
  return actual.length > 0 ? Math.sqrt(sum / actual.length) : Number.NaN;
}

export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length !== predicted.length) throw new RangeError('actual and predicted differ in length');
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i]! - predicted[i]!);
  return actual.length > 0 ? sum / actual.length : Number.NaN;
}
