// Which education items this person has read, on this phone (cleared on sign-out).
import { getPref, setPref } from "./idb.js";
import { session } from "./session.js";

const key = () => `read:${session.user ? session.user.id : "guest"}`;

export async function readMarks() { return (await getPref(key(), {})) || {}; }

export async function markRead(id, version) {
  const marks = await readMarks();
  marks[id] = version;
  await setPref(key(), marks);
}

export async function markUnread(id) {
  const marks = await readMarks();
  delete marks[id];
  await setPref(key(), marks);
}
