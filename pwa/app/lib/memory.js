// Data kept in memory only while the app is open (never written to browser storage), so a
// patient who goes offline can still see and tick today's plan.
const values = new Map();

export const memory = {
  get: (key) => values.get(key),
  set: (key, value) => { values.set(key, value); return value; },
  delete: (key) => values.delete(key),
  clear: () => values.clear(),
};
