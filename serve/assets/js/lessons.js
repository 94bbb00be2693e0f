// The lesson banner: with lesson=N in the URL the page shows lesson N's
// claim (from docs/lessons.md, served by /api/lessons) above the view, with
// links to the other lessons.
import { url } from "./state.js";
import { post } from "./api.js";

export async function lessonBanner(parent) {
  const n = url.num("lesson", 0);
  if (!n) return;
  const r = await post("/api/lessons", {});
  if (!r || !r.ok) return;
  const l = r.data.find(x => x.number === n);
  if (!l) return;
  const box = document.createElement("aside");
  box.className = "panel lesson";
  box.id = "lesson";
  box.dataset.lesson = String(n);
  const h = document.createElement("h2");
  h.textContent = `Lesson ${l.number}: ${l.title}`;
  const p = document.createElement("p");
  p.id = "lesson-claim";
  p.textContent = l.claim;
  const nav = document.createElement("p");
  nav.className = "note";
  nav.append("Lessons: ");
  for (const o of r.data) {
    const a = document.createElement("a");
    a.href = "?" + o.query;
    a.textContent = String(o.number);
    a.title = o.title;
    if (o.number === n) a.setAttribute("aria-current", "page");
    nav.append(a, " ");
  }
  nav.append(` · checked by lessons.${l.funcs} (saddle lessons --only ${l.number})`);
  box.append(h, p, nav);
  parent.prepend(box);
}
