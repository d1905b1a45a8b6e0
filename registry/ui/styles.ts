/**
 * The pages' one stylesheet, served as `/ui/assets/style.css` (the Content-Security-Policy
 * allows no inline styles). Plain CSS: system fonts, a readable measure, high-contrast colours
 * (all pairs at least 4.5:1), tables that scroll sideways on narrow screens.
 */
export const STYLESHEET = `
:root { color-scheme: light; --fg: #1a1a1a; --muted: #4a4a4a; --bg: #fff; --line: #d0d0d0;
  --link: #0645ad; --accent: #f3f5f8; --bad: #a00000; --warn: #7a4a00; --ok: #1d5e20; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid #1a73e8; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
header.site { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between;
  padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); background: var(--accent); }
header.site .brand { font-weight: 700; text-decoration: none; color: var(--fg); }
header.site form { margin: 0; }
nav.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; padding: 0; }
nav.crumbs li + li::before { content: "/"; margin-right: .25rem; color: var(--muted); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
footer.site { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem; color: var(--muted); border-top: 1px solid var(--line); }
h1 { font-size: 1.75rem; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.4rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; overflow-wrap: anywhere; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
pre { background: var(--accent); padding: .75rem; overflow-x: auto; border: 1px solid var(--line); }
.muted { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--accent); }
.item { content-visibility: auto; contain-intrinsic-size: auto 12rem; }
.mark { display: inline-block; font-size: .8rem; padding: 0 .4rem; border: 1px solid currentColor;
  border-radius: .25rem; margin-left: .25rem; white-space: nowrap; }
.mark.personal { color: var(--bad); font-weight: 700; }
.mark.deprecated { color: var(--warn); }
.mark.breaking { color: var(--bad); }
.mark.warning { color: var(--warn); }
.mark.info { color: var(--ok); }
.method { font-weight: 700; margin-right: .4rem; }
.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
.search input, .search select { font: inherit; padding: .35rem .5rem; border: 1px solid var(--muted); min-width: 14rem; }
button { font: inherit; padding: .35rem .75rem; border: 1px solid var(--muted); background: var(--bg); cursor: pointer; }
ul.plain { list-style: none; padding: 0; }
ul.columns { columns: 16rem; padding-left: 1.25rem; }
.description p { margin: .25rem 0 .5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.notice { border-left: 4px solid var(--warn); padding: .5rem .75rem; background: var(--accent); }
@media (max-width: 40rem) { body { font-size: 15px; } main { padding: .75rem; } }
`;
