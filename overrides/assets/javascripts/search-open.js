// Loads the search box's module (search.js) when a reader opens the search, by the header's button,
// the box or Material's keys (f, s, /), or reaches a page from a result (to mark the words found):
// with the page comes only this. What the reader typed before it loaded, search.js takes up.
const root = document.querySelector("[data-edition-search]")
if (root) {
  const input = root.querySelector("input")
  const toggle = document.getElementById("__search")
  const open = () => import(new URL("search.js", import.meta.url).href)
  if (new URLSearchParams(location.search).has("h")) open()
  input.addEventListener("focus", open, {once: true})
  toggle.addEventListener("change", open, {once: true})
  // The ways to open the box, before its module has loaded and after: the header's magnifier (on a
  // narrow screen) and Material's keys; the box takes what is typed next.
  document.querySelector("header [for=__search]")?.addEventListener("click", () => input.focus())
  window.keyboard$?.subscribe(key => {
    if (key.mode === "global" && ["f", "s", "/"].includes(key.type)) {
      if (!toggle.checked) toggle.click()
      input.focus()
      key.claim()
    }
  })
}
