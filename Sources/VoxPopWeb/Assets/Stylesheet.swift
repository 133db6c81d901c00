/// The pages' style sheet, served as `/assets/voxpop-HASH.css` (`WebAssets`).
///
/// Mobile first: one column, touch targets of at least 44 px, text dark on light (7:1 and more),
/// focus a thick dark outline. A campaign's accent arrives as `--accent` and `--tint` from its own
/// small file (`ThemeStylesheet`); VoxPop's blue otherwise.
enum Stylesheet {
    static let source = """
        :root{--accent:#0b4f9c;--tint:#edf2f9;--ink:#1c1c1c;--muted:#4a4a4a;--line:#c6c4c0;--soft:#f5f4f2}\
        *{box-sizing:border-box}html{-webkit-text-size-adjust:100%;scroll-padding:1rem 0 7rem}\
        body{font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:var(--ink);background:#fff}\
        main{max-width:46rem;margin:0 auto;padding:.75rem 1rem 2rem}img,video{max-width:100%}[hidden]{display:none!important}\
        h1{font-size:1.75rem;line-height:1.2;margin:.75rem 0 .5rem}h2{font-size:1.3rem;line-height:1.3;margin:0 0 .5rem}\
        a{color:var(--accent);text-underline-offset:.15em}:focus-visible{outline:3px solid var(--ink);outline-offset:2px}\
        .top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;min-height:3rem}\
        .logo{height:2.25rem;width:auto}.lang{display:flex;flex-wrap:wrap;gap:.25rem}\
        .lang a{display:inline-block;padding:.6rem .5rem;min-height:2.75rem;line-height:1.5}\
        .lang a[aria-current]{font-weight:700;color:var(--ink);text-decoration:none}\
        .hero{display:block;width:100%;height:auto;max-height:16rem;object-fit:cover;border-radius:.75rem;margin:.5rem 0}\
        .lead{font-size:1.125rem;color:var(--muted)}\
        section{margin-top:2rem;padding-top:1.25rem;border-top:1px solid var(--line)}\
        fieldset{border:0;padding:0;margin:0;min-width:0}legend{font-weight:600;margin-bottom:.75rem;padding:0}\
        .options{list-style:none;margin:0;padding:0;display:grid;gap:.6rem}\
        .options>li{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem .75rem;padding:.6rem .75rem;min-height:3.25rem;\
        border:1px solid var(--line);border-radius:.75rem;background:#fff}\
        .options>li:has(input:checked),.options>li[data-rank]{border-color:var(--accent);background:var(--tint);\
        box-shadow:inset 0 0 0 1px var(--accent)}\
        .options label,.options .name{flex:1 1 9rem;min-width:0;margin:0;cursor:pointer;padding:.35rem 0;overflow-wrap:anywhere}\
        .options small{display:block;color:var(--muted);font-size:.92rem}.options .score{margin:0;font-weight:600}\
        .zoom{flex:none;display:block;line-height:0;border-radius:.5rem}\
        .zoom img{width:6rem;height:4.5rem;object-fit:contain;border-radius:.5rem;background:var(--soft)}\
        .clip{flex:1 1 100%;width:100%;height:auto;border-radius:.5rem;background:#000}\
        input[type=radio],input[type=checkbox]{flex:none;width:1.5rem;height:1.5rem;margin:0;accent-color:var(--accent)}\
        input[type=text],input[type=number],select{font:inherit;color:var(--ink);padding:.5rem .6rem;border:1px solid #6b6966;\
        border-radius:.5rem;min-height:2.75rem;background:#fff;max-width:100%}\
        input[type=text]{width:100%}input[type=number]{width:5rem}\
        .field{margin:1rem 0}.field label{display:block;font-weight:600;margin-bottom:.35rem}\
        .hint{display:block;color:var(--muted);margin-bottom:.5rem}\
        button{font:inherit;font-weight:600;min-height:2.75rem;padding:.55rem 1.4rem;border:2px solid var(--accent);\
        border-radius:.6rem;background:var(--accent);color:#fff;cursor:pointer}\
        button:hover{filter:brightness(1.1)}button:disabled{opacity:.45;cursor:default;filter:none}\
        .controls{display:flex;gap:.4rem;margin-left:auto}\
        .ctl,button.small{min-width:2.75rem;padding:.45rem .7rem;background:#fff;color:var(--accent)}\
        .ctl.add{background:var(--accent);color:#fff}\
        .pos{flex:none;display:inline-grid;place-items:center;min-width:2rem;height:2rem;border-radius:1rem;\
        background:var(--accent);color:#fff;font-weight:700}.pos:empty{display:none}\
        .ranking{background:var(--soft);border-radius:.75rem;padding:.75rem 1rem;margin:0 0 1rem}\
        .ranking h3{font-size:1rem;margin:0 0 .25rem}.ranking ol{margin:0;padding-left:1.6rem}.ranking p{margin:0;color:var(--muted)}\
        .actions{position:sticky;bottom:0;z-index:1;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;\
        margin-top:1rem;padding:.75rem 0;background:#fff;border-top:1px solid var(--line)}\
        .actions button{margin-left:auto}.summary,.left{margin:0;flex:1 1 12rem;font-weight:600}\
        .summary{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-clamp:2;overflow:hidden}\
        .summary.error,.left.error{color:#a01b1b}\
        .note{background:var(--soft);border-left:4px solid var(--accent);padding:.6rem .9rem;border-radius:0 .5rem .5rem 0}\
        .note p{margin:.25rem 0}.error{border-left-color:#a01b1b}\
        .options .reply{flex-basis:100%;border-left:4px solid var(--accent);padding:.1rem .75rem;margin:.4rem 0 0}\
        .reply p{margin:.2rem 0}.options .note{flex-basis:100%;margin:.4rem 0 0}\
        .tag{display:inline-block;margin-left:.4rem;padding:0 .45rem;border-radius:.3rem;background:var(--tint);border:1px solid var(--accent);\
        font-size:.85rem;font-weight:600;vertical-align:.1em}\
        .sort a{display:inline-block;padding:.5rem .4rem;min-height:2.75rem}.sort a[aria-current]{font-weight:700;color:var(--ink)}\
        code{word-break:break-all;font-size:1.05rem}footer{margin-top:2.5rem;padding-top:1rem;border-top:1px solid var(--line)}\
        footer a{display:inline-block;padding:.5rem 0}\
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:.4rem;text-align:left}\
        .vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}\
        dialog.zoomed{padding:0;border:0;border-radius:.75rem;max-width:min(94vw,56rem);background:#fff}\
        dialog.zoomed img{display:block;width:100%;height:auto}dialog::backdrop{background:rgba(0,0,0,.75)}\
        dialog.zoomed button{position:absolute;top:.5rem;right:.5rem}dialog.zoomed p{margin:.5rem 1rem}\
        @media (min-width:40rem){.zoom img{width:8rem;height:6rem}h1{font-size:2.1rem}\
        .options:has(video){grid-template-columns:repeat(auto-fill,minmax(19rem,1fr))}.options>li:has(video){align-content:start}}
        """
}
