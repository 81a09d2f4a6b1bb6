/**
 * Records whose keys come from input (attribute names, client metadata, challenge responses) are
 * null-prototype objects: `__proto__`, `constructor` or `toString` are plain keys there, never
 * `Object.prototype`'s members, and assigning one cannot change the object's prototype.
 */
export function emptyRecord<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A null-prototype copy of a record (e.g. one parsed from JSON). */
export function recordOf<T>(source: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(emptyRecord<T>(), source);
}
