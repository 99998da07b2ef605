// Service worker: replaced by the full app shell cache in the PWA work.
self.addEventListener("install", () => self.skipWaiting());
