/** Items grouped by a key, groups in the order their first item came, items in their order; items whose key is null are left out. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T, index: number) => K | null): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  let index = 0;
  for (const item of items) {
    const key = keyOf(item, index++);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
