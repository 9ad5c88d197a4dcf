// Whole numbers in messages with thousands separators ("10,000"), written out by hand: the same
// through Number#toLocaleString makes V8 resolve a locale against every locale ICU holds, which
// reads ~4.6 MB of the ICU data in Node's binary into the server's memory for one message.
const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** "10,000", "1,048,576", "-2,500"; a number that is not whole or finite as String() writes it. */
export function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? String(n).replace(GROUPS, ',') : String(n);
}
