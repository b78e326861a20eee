// Material's search box in the header, answered by Pagefind (scripts/edition/search_index.py indexes
// the built site). Nothing of Pagefind loads with the page: its script, its WebAssembly and the
// parts of the index a query needs are fetched when a reader opens the search. Results look and
// work as Material's: each page with its passages (paragraphs, notes, quotations, entries), each
// passage a link to its anchor; the keys are Material's (/, s or f to open, arrows, Enter, Escape),
// through Material's own keyboard observable; the words found are marked on the page reached.
const root = document.querySelector("[data-edition-search]")
const config = JSON.parse(document.getElementById("__config").textContent)
const base = new URL(config.base, location.href)        // the site's top, wherever it is served
const bundle = new URL("pagefind/", base)
const HIGHLIGHT = "h"                                     // the query parameter Material's search used
const SHOWN = 5                                           // results whose passages load at once; more on scroll
const SECTIONS = 3                                        // passages shown per page before "more"

// The page reached from a result: mark the words searched for, as Material's search.highlight did,
// but not in what is not searched (extra.search_exclude in mkdocs.yml).
if (root && new URLSearchParams(location.search).has(HIGHLIGHT))
  import(new URL("pagefind-highlight.js", bundle).href).then(() => new window.PagefindHighlight({
    highlightParam: HIGHLIGHT, addStyles: false, markOptions: {exclude: JSON.parse(root.dataset.exclude)}
  }))

if (root) {
  const toggle = document.getElementById("__search")
  const input = root.querySelector("input")
  const meta = root.querySelector(".md-search-result__meta")
  const list = root.querySelector(".md-search-result__list")
  const scroll = root.querySelector(".md-search__scrollwrap")
  const kinds = Object.entries(JSON.parse(root.dataset.passages)).map(([id, label]) => [new RegExp(`^(?:${id})$`), label])
  const text = (key, n) => config.translations[key].replace("#", n)
  let pagefind, latest = 0, watcher

  const setToggle = on => { if (toggle.checked !== on) toggle.click() }
  const load = () => pagefind ??= import(new URL("pagefind.js", bundle).href).then(async module => {
    await module.options({bundlePath: bundle.pathname, baseUrl: base.pathname})
    await module.init()
    return module
  })

  // A result's passages: the hits that fall inside an anchored passage, or under a heading, by the
  // place (word number) Pagefind gives every hit and every element with an id.
  function passages(data) {
    const words = wordsOf(data.content)
    const bounds = data.anchors
      .map(anchor => ({...anchor, kind: kinds.find(([pattern]) => pattern.test(anchor.id))}))
      .filter(a => a.kind || (/^h[2-6]$/i.test(a.element) && a.text))
      .sort((a, b) => a.location - b.location)
    const found = new Map()
    for (const hit of data.locations) {
      const i = bounds.findLastIndex(a => a.location <= hit)
      const at = bounds[i]
      if (!at) continue
      // A passage ends where its own words do (Pagefind gives an element's text, not its end), or
      // at the next passage or heading; a heading's part runs to the next.
      const next = bounds[i + 1]?.location ?? words.length
      const end = at.kind && at.text ? endOf(words, at.location, at.text, next) : next
      if (hit >= end) continue
      if (!found.has(at.id)) found.set(at.id, {anchor: at, end, hits: []})
      found.get(at.id).hits.push(hit)
    }
    return [...found.values()]
      .sort((a, b) => b.hits.length - a.hits.length || a.anchor.location - b.anchor.location)
      .map(({anchor, end, hits}) => ({id: anchor.id, title: title(anchor, words), excerpt: excerpt(words, hits, anchor.location, end)}))
  }

  function title(anchor, words) {
    if (!anchor.kind) return anchor.text
    const [pattern, label] = anchor.kind
    const number = anchor.id.match(pattern)[1]
    return label && number ? label.replace("{}", number)
      : words.slice(anchor.location, anchor.location + 8).map(([word, after]) => word + after).join("").trim() + " …"
  }

  // Words as Pagefind counts them (split at white space), each with what followed it: a hair
  // space is the one search_index.py put after a dash so that the words either side are found,
  // and is shown as nothing.
  // Where an element's text ends among the page's words: its letters counted off word by word,
  // since Pagefind spaces some inline elements apart in the page's words ("policy. 7") and not in
  // the element's text ("policy.7"), so that its words cannot simply be counted.
  function endOf(words, start, text, limit) {
    let left = text.replace(/\s+/g, "").length, at = start
    while (at < limit && left > 0) left -= words[at++][0].length
    return at
  }

  function wordsOf(content) {
    const parts = content.trim().split(/(\s+)/), words = []
    for (let i = 0; i < parts.length; i += 2) words.push([parts[i], /^\u200a$/.test(parts[i + 1] ?? "") ? "" : " "])
    return words
  }

  function excerpt(words, hits, start, end) {
    const from = Math.max(start, hits[0] - 8), to = Math.min(end, from + 24)
    const escape = word => word.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`)
    return (from > start ? "… " : "") + words.slice(from, to)
      .map(([word, after], i) => (hits.includes(from + i) ? `<mark>${escape(word)}</mark>` : escape(word)) + after)
      .join("").trim() + (to < end ? " …" : "")
  }

  function link(url, heading, level, excerptHtml) {
    const a = document.createElement("a")
    a.className = "md-search-result__link"
    a.tabIndex = -1
    const target = new URL(url, location.origin)
    target.searchParams.set(HIGHLIGHT, input.value.trim())
    a.href = `${target}`
    const article = document.createElement("article")
    article.className = "md-search-result__article md-typeset"
    if (level === 1) article.innerHTML = '<div class="md-search-result__icon md-icon"></div>'
    const h = document.createElement(`h${level}`)
    h.textContent = heading
    article.append(h)
    if (excerptHtml) {
      const p = document.createElement("p")
      p.innerHTML = excerptHtml
      article.append(p)
    }
    a.append(article)
    return a
  }

  function item(data) {
    const li = document.createElement("li")
    li.className = "md-search-result__item"
    const found = passages(data)
    const page = data.url.split("#")[0]
    li.append(link(page, data.meta.title, 1, found.length ? "" : data.excerpt.replaceAll("\u200a", "")))
    const sections = found.map(p => link(`${page}#${p.id}`, p.title, 2, p.excerpt))
    li.append(...sections.slice(0, SECTIONS))
    if (sections.length > SECTIONS) {
      const more = document.createElement("details")
      more.className = "md-search-result__more"
      more.innerHTML = `<summary tabindex="-1"><div></div></summary>`
      more.querySelector("div").textContent = text(sections.length - SECTIONS === 1
        ? "search.result.more.one" : "search.result.more.other", sections.length - SECTIONS)
      more.append(...sections.slice(SECTIONS))
      li.append(more)
    }
    return li
  }

  // Each result's data is a fragment of its own: the first few load at once and show in order as
  // they come; the next few when the reader scrolls to the end of the list.
  async function show(results, n) {
    const loading = results.slice(0, SHOWN).map(result => result.data())
    list.setAttribute("aria-busy", "true")          // until these are all shown
    for (const data of loading) {
      const one = await data
      if (n !== latest) return
      list.append(item(one))
    }
    list.setAttribute("aria-busy", "false")
    if (results.length > SHOWN) {
      watcher = new IntersectionObserver(([entry]) => {
        if (!entry.isIntersecting) return
        watcher.disconnect()
        show(results.slice(SHOWN), n)
      }, {root: scroll})
      watcher.observe(list.lastElementChild)
    }
  }

  async function search() {
    const n = ++latest, query = input.value.trim()
    watcher?.disconnect()
    if (!query) {
      meta.textContent = text("search.result.placeholder")
      list.replaceChildren()
      list.setAttribute("aria-busy", "false")
      return
    }
    const found = await (await load()).search(query)
    if (n !== latest) return
    const count = found.results.length
    meta.textContent = count === 0 ? text("search.result.none") : count === 1 ? text("search.result.one") : text("search.result.other", count)
    list.replaceChildren()
    show(found.results, n)
  }

  input.addEventListener("input", search)
  // Open on focus, after a click on the header's label has toggled the search on by itself.
  input.addEventListener("focus", () => { setTimeout(() => setToggle(true)); load() })
  input.form.addEventListener("submit", event => event.preventDefault())
  input.form.addEventListener("reset", () => setTimeout(() => { search(); input.focus() }))
  root.addEventListener("click", event => { if (event.target.closest("a")) setToggle(false) })
  toggle.addEventListener("change", () => {             // reveal the results to assistive technology
    list.setAttribute("role", toggle.checked ? "list" : "presentation")
    list.hidden = !toggle.checked
    if (toggle.checked) load()
  })

  // Loaded when the reader opened the search (search-open.js): take up what happened before.
  if (toggle.checked || document.activeElement === input) {
    setToggle(true)
    input.focus()
    list.setAttribute("role", "list")
    list.hidden = false
    load()
    if (input.value) search()
  }

  window.keyboard$?.subscribe(key => {
    if (key.mode === "global") return                   // the keys that open the box: search-open.js
    const active = document.activeElement
    switch (key.type) {
      case "Enter":                                       // the first result's best passage
        if (active === input) {
          const first = list.firstElementChild
          ;(first?.children[1]?.matches("a") ? first.children[1] : first?.firstElementChild)?.click()
          key.claim()
        }
        break
      case "Escape":
      case "Tab":
        setToggle(false)
        input.blur()
        break
      case "ArrowUp":
      case "ArrowDown": {
        const links = [input, ...list.querySelectorAll(":not(details) > [href], summary, details[open] [href]")]
        const i = (Math.max(0, links.indexOf(active)) + links.length + (key.type === "ArrowUp" ? -1 : 1)) % links.length
        links[i].focus()
        key.claim()
        break
      }
      default:
        if (active !== input) input.focus()
    }
  })
}
