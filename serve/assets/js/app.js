// The explorer's shell: tabs of views, each a module with a title and a
// mount(root) function; the view shown is the URL's view parameter.
import { url } from "./state.js";
import * as formula from "./formula/view.js";
import * as net from "./net/view.js";
import { lessonBanner } from "./lessons.js";

export const views = { formula, net };

function boot() {
  const name = views[url.get("view", "formula")] ? url.get("view", "formula") : "formula";
  const nav = document.getElementById("tabs");
  for (const [key, v] of Object.entries(views)) {
    const a = document.createElement("a");
    a.textContent = v.title;
    a.href = "?view=" + key;
    if (key === name) a.setAttribute("aria-current", "page");
    nav.append(a);
  }
  const root = document.getElementById("view");
  views[name].mount(root);
  lessonBanner(document.body.querySelector("#lesson-slot"));
}

boot();
