// Registers the service worker (web/sw.js) that keeps the course for offline study, and tells
// the learner when a newer version of the course has been stored: the page they are reading
// keeps working on the version it started with until they choose to reload.
const words = {
  ru: ["Курс обновился.", "Перезагрузить"],
  en: ["The course has been updated.", "Reload"],
};

function offerReload(waiting) {
  if (document.getElementById("update-note")) return;
  const [text, action] = words[document.documentElement.lang] ?? words.ru;
  const note = document.createElement("div");
  note.id = "update-note";
  note.className = "update-note";
  note.setAttribute("role", "status");
  const message = document.createElement("span");
  message.textContent = text;
  const button = document.createElement("button");
  button.className = "button";
  button.textContent = action;
  button.addEventListener("click", () => {
    button.disabled = true;
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
    waiting.postMessage("update");
  });
  note.append(message, " ", button);
  document.body.append(note);
}

function watch(registration) {
  // Only an update replaces a worker; the very first install has nothing to announce.
  if (registration.waiting && navigator.serviceWorker.controller) offerReload(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const incoming = registration.installing;
    incoming?.addEventListener("statechange", () => {
      if (incoming.state === "installed" && navigator.serviceWorker.controller) offerReload(incoming);
    });
  });
}

// Storing the whole course is a download of its own: it waits until the page is loaded and
// has shown what the learner came for, so it never competes with the first view.
const SETTLE_MS = 3000;

/** Calls `then` once the page has loaded (at once when it has: web/boot.js imports this file
 * after the first paint, maybe after the load). */
function afterLoad(then) {
  if (document.readyState === "complete") then();
  else addEventListener("load", then, { once: true });
}

if ("serviceWorker" in navigator) {
  afterLoad(() => setTimeout(() => {
    navigator.serviceWorker.register(new URL("sw.js", import.meta.url)).then(watch).catch((error) => {
      // Without it the course still works online; only offline study is lost.
      console.warn("offline copy unavailable:", error);
    });
  }, SETTLE_MS));
}
