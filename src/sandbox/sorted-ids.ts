// Ascending id arrays (users, tags, chat members) kept sorted by binary search, so a page is O(page).

/** Index of the first element greater than `value` in an ascending array. */
export function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function insertSorted(sorted: number[], value: number): void {
  const at = upperBound(sorted, value);
  if (sorted[at - 1] !== value) sorted.splice(at, 0, value);
}

export function removeSorted(sorted: number[], value: number): void {
  const at = upperBound(sorted, value) - 1;
  if (sorted[at] === value) sorted.splice(at, 1);
}
