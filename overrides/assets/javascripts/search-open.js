// Loads the search box's module (search.js) when a reader opens the search, by the header's button,
// the box or the keys (f, s, /: partials/search.html takes them from the first paint), or reaches a
// page from a result (to mark the words found): with the page comes only this. What the reader typed
// before it loaded, search.js takes up.
const root = document.querySelector("[data-edition-search]")
if (root) {
  const input = root.querySelector("input")
  const toggle = document.getElementById("__search")
  const open = () => import(new URL("search.js", import.meta.url).href)
  if (new URLSearchParams(location.search).has("h") || toggle.checked || document.activeElement === input) open()
  input.addEventListener("focus", open, {once: true})
  toggle.addEventListener("change", open, {once: true})
  // The header's magnifier (on a narrow screen) opens the box; what is typed next goes into it.
  document.querySelector("header [for=__search]")?.addEventListener("click", () => input.focus())
}
