extension DownloadPage {
    // Colours are chosen for WCAG AA contrast (4.5:1 or better) against their own background; the
    // traffic-light marks also carry a symbol and words, so colour is never the only signal.
    static let stylesheet = """
        :root { color-scheme: light; --text: #1a1a1a; --muted: #4d4d4d; --line: #c9ced6; --page: #f3f4f6;
          --link: #0a4a8a; --green-bg: #e1f3e4; --green: #14532d; --yellow-bg: #fdf0c2; --yellow: #5c4000;
          --red-bg: #fbe1e1; --red: #8a1616; }
        *, *::before, *::after { box-sizing: border-box; }
        [hidden] { display: none !important; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: var(--page); color: var(--text);
          font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        a { color: var(--link); text-underline-offset: 0.15em; }
        a:hover { text-decoration-thickness: 2px; }
        a:focus-visible, input:focus-visible { outline: 3px solid #1f6feb; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0.5rem; background: #fff; padding: 0.5rem 1rem; z-index: 1; }
        .skip:focus { left: 0.5rem; }
        .page-header, main, .page-footer { max-width: 64rem; margin: 0 auto; padding: 0 1rem; }
        .page-header { padding-top: 1.5rem; }
        h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 0.25rem; }
        h2 { font-size: 1.35rem; line-height: 1.25; margin: 0 0 0.5rem; }
        .lead { margin: 0 0 1rem; color: var(--muted); }
        .notice { background: var(--yellow-bg); border: 2px solid #a87a00; border-radius: 6px; padding: 0.25rem 1rem; margin: 0 0 1rem; }
        .notice p { margin: 0.5rem 0; }
        .notice summary { cursor: pointer; font-weight: 600; margin: 0.25rem 0 0.5rem; }
        .intro, .legend, .search, .pack { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 0 0 1rem; }
        .intro p { margin: 0 0 0.5rem; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 0.75rem; }
        .facts dt { font-weight: 600; }
        .facts dd { margin: 0; }
        .search { position: sticky; top: 0; z-index: 1; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.08); }
        .search label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
        .search input { width: 100%; max-width: 28rem; font: inherit; padding: 0.5rem 0.6rem; border: 2px solid #5f6b7a;
          border-radius: 6px; background: #fff; color: var(--text); }
        .count { margin: 0.4rem 0 0; color: var(--muted); }
        .figures { width: 100%; border-collapse: collapse; margin: 0.5rem 0 0.75rem; font-variant-numeric: tabular-nums; }
        .figures caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
        .figures th, .figures td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-top: 1px solid var(--line); }
        .figures thead th { font-size: 0.875rem; color: var(--muted); border-top: 0; border-bottom: 2px solid var(--line); }
        .figures tbody th { font-weight: 400; }
        .figures .num { text-align: right; white-space: nowrap; }
        .name { font-weight: 600; }
        .unit { display: block; font-size: 0.8125rem; color: var(--muted); white-space: normal; }
        .value { font-size: 1.05rem; }
        .muted { color: var(--muted); font-style: italic; }
        .marker { font-weight: 700; }
        .tag { display: inline-block; font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em;
          padding: 0 0.35rem; border-radius: 4px; background: var(--yellow-bg); color: var(--yellow); border: 1px solid #a87a00; }
        .mark { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 999px; font-size: 0.875rem; font-weight: 600; white-space: nowrap; }
        .mark-bedre { background: var(--green-bg); color: var(--green); }
        .mark-samme { background: var(--yellow-bg); color: var(--yellow); }
        .mark-daarligere { background: var(--red-bg); color: var(--red); }
        .downloads { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0; padding: 0; }
        .downloads a { display: inline-block; padding: 0.45rem 0.75rem; border: 1px solid var(--link); border-radius: 6px;
          text-decoration: none; background: #fff; }
        .downloads a:hover { background: #eaf1fb; text-decoration: underline; }
        .downloads .file-xlsx { background: var(--link); color: #fff; }
        .downloads .file-xlsx:hover { background: #083a6d; }
        .legend dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; margin: 0 0 0.75rem; }
        .legend dd { margin: 0; }
        .page-footer { color: var(--muted); font-size: 0.875rem; padding-bottom: 2rem; }
        @media (max-width: 40rem) {
          h1 { font-size: 1.45rem; }
          .page-header, main, .page-footer { padding: 0 0.5rem; }
          .page-header { padding-top: 1rem; }
          .intro, .legend, .search, .pack { padding: 0.75rem; border-radius: 6px; }
          .facts, .legend dl { grid-template-columns: 1fr; gap: 0; }
          .facts dd, .legend dd { margin-bottom: 0.4rem; }
          .search { position: static; box-shadow: none; }
          .figures, .figures caption, .figures tbody, .figures tr, .figures th, .figures td { display: block; width: 100%; }
          .figures thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          .figures tr { border-top: 1px solid var(--line); padding: 0.4rem 0; }
          .figures th, .figures td { border: 0; padding: 0.1rem 0; }
          .figures td { display: flex; justify-content: space-between; align-items: baseline; gap: 0.75rem; text-align: right; }
          .figures td::before { content: attr(data-label); color: var(--muted); font-size: 0.875rem; text-align: left; flex: none; }
          .figures td .unit { display: inline; }
          .figures .num { white-space: normal; }
          .downloads { flex-direction: column; }
          .downloads a { display: block; }
        }
        @media print {
          .search, .skip { display: none !important; }
          body { background: #fff; }
          .pack { break-inside: avoid; }
        }

        """

    // Plain ES5 so that old browsers on council PCs run it; non-ASCII letters written as escapes.
    static let script = """
        (function () {
          "use strict";
          var panel = document.getElementById("soegning");
          var box = document.getElementById("soeg");
          var count = document.getElementById("antal");
          if (!panel || !box || !count) { return; }
          var packs = Array.prototype.slice.call(document.querySelectorAll("article[data-soeg]"));
          var noun = panel.getAttribute("data-flertal") || "";
          function fold(text) {
            var folded = String(text).toLowerCase()
              .replace(/\\u00e6/g, "ae").replace(/\\u00f8/g, "oe").replace(/\\u00e5/g, "aa");
            if (folded.normalize) { folded = folded.normalize("NFD").replace(/[\\u0300-\\u036f]/g, ""); }
            return folded;
          }
          var haystacks = packs.map(function (pack) { return fold(pack.getAttribute("data-soeg")); });
          function update() {
            var words = fold(box.value).split(/\\s+/).filter(function (word) { return word.length > 0; });
            var shown = 0;
            packs.forEach(function (pack, index) {
              var match = words.every(function (word) { return haystacks[index].indexOf(word) !== -1; });
              pack.hidden = !match;
              if (match) { shown += 1; }
            });
            var text = "Viser " + shown + " af " + packs.length + " " + noun;
            if (shown === 0) { text += ". Pr\\u00f8v et andet navn."; }
            count.textContent = text;
          }
          box.addEventListener("input", update);
          panel.hidden = false;
          update();
        })();

        """
}
