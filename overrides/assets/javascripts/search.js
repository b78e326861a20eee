// Material's search box in the header, answered by Pagefind (scripts/edition/search_index.py indexes
// the built site). Nothing of Pagefind loads with the page: its script, its WebAssembly and the
// parts of the index a query needs are fetched when a reader opens the search. Results look and
// work as Material's: each page with its passages (paragraphs, notes, quotations, entries), each
// passage a link to its anchor; the keys are Material's (/, s or f to open, arrows, Enter, Escape: those that open and close it in partials/search.html),
// through Material's own keyboard observable; the words found are marked on the page reached.
const root = document.querySelector("[data-edition-search]")
const config = JSON.parse(document.getElementById("__config").textContent)
const base = new URL(config.base, location.href)        // the site's top, wherever it is served
const bundle = new URL("pagefind/", base)
const HIGHLIGHT = "h"                                     // the query parameter Material's search used
const SHOWN = 5                                           // results whose passages load at once; more on scroll
const SECTIONS = 3                                        // passages shown per page before "more"
const VARIANT = "search-variant-"                         // search_variants.ANCHOR: a name a passage does not print

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
  // place (word number) Pagefind gives every hit and every element with an id. After the page's
  // text come the names its passages are found by and do not print (search_variants.py): a hit
  // there finds its passage, shown in its own words, with the editors' reason apart.
  function passages(data, phrases) {
    const words = wordsOf(data.content)
    const variants = data.meta.variants ? JSON.parse(decodeURIComponent(data.meta.variants)) : []
    const bounds = data.anchors
      .map(anchor => ({...anchor, kind: kinds.find(([pattern]) => pattern.test(anchor.id)),
                       variant: anchor.id.startsWith(VARIANT) ? variants[anchor.id.slice(VARIANT.length)] : undefined}))
      .filter(a => a.kind || a.variant || (/^h[2-6]$/i.test(a.element) && a.text))
      .sort((a, b) => a.location - b.location)
    const shown = Math.min(words.length, ...bounds.filter(a => a.variant).map(a => a.location))
    const range = i => {        // where a passage's words end: its own letters, else the next passage or heading
      const at = bounds[i], next = bounds[i + 1]?.location ?? shown
      return Math.min(shown, at.kind && at.text ? endOf(words, at.location, at.text, next) : next)
    }
    const found = new Map(), variant = new Map()
    for (const hit of data.locations) {
      const i = bounds.findLastIndex(a => a.location <= hit)
      const at = bounds[i]
      if (!at) continue
      if (at.variant) {
        const [id, printed, reason] = at.variant, j = bounds.findIndex(a => a.id === id)
        if (j >= 0 && !variant.has(id)) variant.set(id, {anchor: bounds[j], end: range(j), printed, reason})
        continue
      }
      const end = range(i)
      if (hit >= end) continue
      if (!found.has(at.id)) found.set(at.id, {anchor: at, end, hits: []})
      found.get(at.id).hits.push(hit)
    }
    const own = [...found.values()].map(p => ({...p, phrase: phrases.some(phrase => hasPhrase(words, p.anchor.location, p.end, phrase))}))
      .sort((a, b) => b.phrase - a.phrase || b.hits.length - a.hits.length || a.anchor.location - b.anchor.location)
      .map(({anchor, end, hits, phrase}) => ({id: anchor.id, phrase, heading: !anchor.kind, title: title(anchor, words),
                                               excerpt: excerpt(words, hits, anchor.location, end)}))
    const others = [...variant.values()].filter(v => !found.has(v.anchor.id))
      .sort((a, b) => a.anchor.location - b.anchor.location)
      .map(({anchor, end, printed, reason}) => ({id: anchor.id, printed, reason, title: title(anchor, words),
        excerpt: excerpt(words, printedAt(words, anchor.location, end, printed), anchor.location, end)}))
    return {passages: [...own, ...others], shown, words}
  }

  // Words compared as Pagefind compares them: in lower case, without the punctuation around them.
  const bare = word => word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")

  // The quoted phrases of a query ("atomic bomb"), each as its bare words.
  function phrasesOf(query) {
    return [...query.matchAll(/["“”]([^"“”]+)["“”]/g)].map(m => m[1].split(/\s+/).map(bare).filter(Boolean)).filter(p => p.length > 1)
  }

  function hasPhrase(words, start, end, phrase) {
    for (let i = start; i + phrase.length <= end; i++)
      if (phrase.every((word, k) => bare(words[i + k][0]) === word)) return true
    return false
  }

  // The places of a form's words in a passage (its first appearance there), to mark them.
  function printedAt(words, start, end, printed) {
    const form = printed.split(/\s+/).map(bare)
    for (let i = start; i + form.length <= end; i++)
      if (form.every((word, k) => bare(words[i + k][0]) === word)) return form.map((_, k) => i + k)
    return [start]
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
    const from = hits.length ? Math.max(start, hits[0] - 8) : start, to = Math.min(end, from + 24)
    const escape = word => word.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`)
    // Punctuation Pagefind spaced off an element's end ("Tomokatsu ,") joins the word before, as on the page.
    return (from > start ? "… " : "") + words.slice(from, to)
      .map(([word, after], i) => (hits.includes(from + i) ? `<mark>${escape(word)}</mark>` : escape(word)) + after)
      .join("").replace(/ (?=[,.;:!?)\]’”]+(?: |$))/g, "").trim() + (to < end ? " …" : "")
  }

  // A result's link; one found by a name it does not print marks, on the page reached, the form it
  // prints, and says why it was found, apart from its words and marked as the editors'.
  function link(url, heading, level, excerptHtml, printed, reason) {
    const a = document.createElement("a")
    a.className = "md-search-result__link"
    a.tabIndex = -1
    const target = new URL(url, location.origin)
    target.searchParams.set(HIGHLIGHT, printed ?? input.value.trim())
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
    if (reason) {
      const why = document.createElement("p")
      why.className = "md-search-result__reason editorial"
      why.textContent = `[${reason}]`
      article.append(why)
    }
    a.append(article)
    return a
  }

  function item(data, phrases) {
    const li = document.createElement("li")
    li.className = "md-search-result__item"
    const {passages: found, shown, words} = passages(data, phrases)
    const page = data.url.split("#")[0]
    const hits = data.locations.filter(hit => hit < shown)
    li.append(link(page, data.meta.title, 1, found.length ? "" : excerpt(words, hits, 0, shown)))
    const sections = found.map(p => link(`${page}#${p.id}`, p.title, 2, p.excerpt, p.printed, p.reason))
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
    li.phrase = found.some(p => p.phrase)
    li.entry = data.filters?.register?.length > 0 && found.some(p => p.heading)
    li.printed = hits.length > 0
    return li
  }

  // Each result's data is a fragment of its own: the first few load at once and show together,
  // those with a passage that has a quoted phrase first, then those that print the words searched
  // for, then those found only by a name they do not print; the next few when the reader scrolls to
  // the end of the list.
  async function show(results, n, phrases) {
    list.setAttribute("aria-busy", "true")          // until these are all shown
    const items = (await Promise.all(results.slice(0, SHOWN).map(result => result.data()))).map(data => item(data, phrases))
    if (n !== latest) return
    const rank = li => li.entry ? -1 : (li.phrase ? 0 : 2) + (li.printed ? 0 : 1)
    list.append(...items.map((li, i) => [rank(li), i, li]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , li]) => li))
    list.setAttribute("aria-busy", "false")
    if (results.length > SHOWN) {
      watcher = new IntersectionObserver(([entry]) => {
        if (!entry.isIntersecting) return
        watcher.disconnect()
        show(results.slice(SHOWN), n, phrases)
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
    // A query with no letter or digit (punctuation alone) finds nothing, as Pagefind would answer
    // it with every page; an error of the search's is shown as no result, never left in the console.
    // A quoted phrase is searched as its words, and the passages that have it come first (phrasesOf):
    // Pagefind 1.5's own phrase search found no page for "atomic bomb", which the review prints ten times.
    const terms = query.replace(/["“”]/g, " ")
    // The Index of names is also searched alone (search_index.py gives it a filter), to come first.
    const [found, index] = /[\p{L}\p{N}]/u.test(query) ? await load().then(pf => Promise.all(
      [pf.search(terms), pf.search(terms, {filters: {register: "names"}})])).catch(() => []) : []
    if (n !== latest) return
    const entry = index?.results?.[0], results = entry ? [entry, ...found.results.filter(r => r.id !== entry.id)] : found?.results ?? []
    const count = results.length
    meta.textContent = count === 0 ? text("search.result.none") : count === 1 ? text("search.result.one") : text("search.result.other", count)
    list.replaceChildren()
    if (count) await show(results, n, phrasesOf(query))
  }

  // The search for what the box holds now: Enter waits for it, so that a quick reader's Enter goes to
  // a result of the whole query, not of the letters typed before it (its h= too).
  let searching = Promise.resolve()
  input.addEventListener("input", () => { searching = search().catch(() => {}) })
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
    if (input.value) searching = search().catch(() => {})
  }

  window.keyboard$?.subscribe(key => {
    if (key.mode === "global") return                   // the keys that open the box: search-open.js
    const active = document.activeElement
    switch (key.type) {
      case "Enter":                                       // the first result's best passage
        if (active === input) {
          input.blur()                                  // so that the search closes (partials/search.html)
          key.claim()
          searching.then(() => {
            const first = list.firstElementChild
            ;(first?.children[1]?.matches("a") ? first.children[1] : first?.firstElementChild)?.click()
          })
        }
        break
      case "Tab":                                         // (Escape: partials/search.html) the box left
        input.blur()                                      // first: closed by a script, the search stays
        setToggle(false)                                  // open while the box has the focus
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
