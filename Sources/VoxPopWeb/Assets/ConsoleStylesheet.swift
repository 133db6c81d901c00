/// The operator console's style sheet, served as `/assets/console-HASH.css` (`WebAssets`).
///
/// A file of its own, apart from the voters' `Stylesheet`: the console is a working desk (wider
/// pages, cards, bulk forms, count tables) and changes on its own schedule. Mobile first: every
/// layout reflows to one column at 390 px, long voter text breaks anywhere rather than widen the
/// page, wide count tables scroll inside their own focusable region, and every control is at
/// least 44 px tall. Colours keep text at 7:1 or more against its background.
enum ConsoleStylesheet {
    static let source = """
        *{box-sizing:border-box}html{-webkit-text-size-adjust:100%}\
        body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1e1e1e;background:#fff}\
        .vh,.skip:not(:focus){position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.skip:focus{position:absolute;left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:2}\
        header.bar{background:#1e3a5f;color:#fff}header.bar nav{max-width:72rem;margin:0 auto;padding:0 .5rem;\
        display:flex;flex-wrap:wrap;align-items:center;gap:0 .25rem}\
        header.bar a{color:#fff;display:inline-flex;align-items:center;min-height:2.75rem;padding:0 .5rem;font-weight:600}\
        header.bar form{margin-left:auto}header.bar button{background:#fff;color:#1e3a5f;border-color:#fff;margin:.25rem 0}\
        header.bar :focus-visible{outline-color:#ffd08a}\
        main{display:block;max-width:72rem;margin:0 auto;padding:.75rem 1rem 6rem;overflow-wrap:anywhere}\
        h1{font-size:1.45rem;line-height:1.25;margin:.5rem 0 .75rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}\
        h3{font-size:1.05rem;margin:.25rem 0}a{color:#0b4f9c}:focus-visible{outline:3px solid #b35900;outline-offset:2px}\
        p{margin:.5rem 0}.crumbs{margin:.25rem 0;font-size:.95rem}\
        .crumbs a{display:inline-flex;align-items:center;min-height:2.75rem}\
        .note{background:#f6f5f4;border-left:4px solid #0b4f9c;padding:.5rem .75rem}\
        .error{border-left-color:#a51d2d}.warn{border-left-color:#b35900;background:#fdf3e7}\
        .ok{border-left-color:#26734d}.muted{color:#4a4a4a}small{font-size:.875rem}\
        button,.button{font:inherit;display:inline-flex;align-items:center;justify-content:center;min-height:2.75rem;\
        min-width:2.75rem;padding:.4rem 1rem;border:2px solid #0b4f9c;border-radius:.4rem;background:#0b4f9c;\
        color:#fff;cursor:pointer;text-decoration:none;font-weight:600;line-height:1.2;text-align:center}\
        .secondary{background:#fff;color:#0b4f9c}.danger{background:#a51d2d;border-color:#a51d2d;color:#fff}\
        input[type=text],input[type=search],input[type=password],input[type=number],select,textarea{font:inherit;\
        min-height:2.75rem;padding:.4rem .5rem;border:1px solid #5e5c64;border-radius:.35rem;max-width:100%;\
        background:#fff;color:#1e1e1e}textarea{width:100%;min-height:6rem}\
        input[type=checkbox]{width:1.4rem;height:1.4rem;margin:0;flex:none}\
        label{font-weight:600}.field{display:flex;flex-direction:column;gap:.25rem;margin:.5rem 0}\
        .field input,.field select,.field textarea{width:100%}\
        .row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:.5rem 0}\
        .row .field{flex:1 1 12rem;margin:0}.row .field.short{flex:0 1 9rem}.row>p{flex:1 1 16rem;margin:0}\
        .narrow{max-width:52rem}.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}\
        .actions form{margin:0}.cards{display:grid;gap:.75rem;padding:0;margin:0;list-style:none;\
        grid-template-columns:repeat(auto-fill,minmax(min(100%,21rem),1fr))}\
        .card{border:1px solid #c0bfbc;border-radius:.5rem;padding:.75rem;min-width:0}\
        .card h2,.card h3{font-size:1.05rem;margin:.25rem 0}.card h3{display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:baseline}\
        .facts{margin:.25rem 0;display:grid;grid-template-columns:auto 1fr;gap:0 .75rem}\
        .facts dt{color:#4a4a4a}.facts dd{margin:0;min-width:0}\
        .state{display:inline-block;padding:0 .45rem;border-radius:.25rem;font-size:.85rem;font-weight:600;\
        background:#e8e8e7;color:#1e1e1e}.state-open{background:#dcefe3;color:#14532d}\
        .state-tallied{background:#fdf3e7;color:#7a3c00}.state-published{background:#e8f0fa;color:#0b3d78}\
        .spark{display:block;max-width:100%;height:auto}\
        .list{list-style:none;padding:0;margin:.5rem 0}.list>li{border-bottom:1px solid #c0bfbc;padding:.5rem 0;min-width:0}\
        .pick{display:flex;gap:.6rem;align-items:center;min-height:2.75rem}.pick label{flex:1;min-width:0;display:flex;gap:.6rem;align-items:center;min-height:2.75rem}\
        .pick a{display:inline-flex;align-items:center;min-height:2.75rem;padding:0 .25rem}\
        .meta{margin:0 0 .25rem 2rem;font-size:.95rem}\
        .tag{display:inline-block;padding:0 .4rem;border-radius:.25rem;background:#e8f0fa;color:#0b3d78;\
        font-size:.85rem;font-weight:600}.tag.bad{background:#fbe9eb;color:#7d1020}.meta .tag{display:inline}\
        .bulk{background:#fff;border-top:2px solid #0b4f9c;padding:.5rem 0;margin-top:1rem}\
        .bulk.sticky{position:sticky;bottom:0}html:has(.bulk.sticky){scroll-padding-bottom:14rem}\
        .bulk .field{flex:1 1 14rem}fieldset{border:1px solid #c0bfbc;border-radius:.5rem;padding:.5rem .75rem;\
        margin:.75rem 0;min-width:0}legend{font-weight:600;padding:0 .25rem}\
        .scroll{overflow-x:auto;max-width:100%;margin:.5rem 0}\
        table{border-collapse:collapse;overflow-wrap:break-word}th,td{border-bottom:1px solid #c0bfbc;padding:.35rem .5rem;text-align:left;\
        vertical-align:top}td.n,th.n,.matrix td{text-align:right;font-variant-numeric:tabular-nums}td.n,.matrix td{white-space:nowrap}\
        caption{text-align:left;font-weight:600;padding:.25rem 0}tr.cut th,tr.cut td{border-bottom:3px solid #b35900}\
        .pages{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.75rem 0}\
        .pages a{display:inline-flex;align-items:center;min-height:2.75rem;padding:0 .5rem}\
        .pages a[aria-current]{color:#1e1e1e;font-weight:700;text-decoration:none;border-bottom:3px solid #0b4f9c}\
        .codes{list-style:none;padding:0}.codes li{border-bottom:1px solid #c0bfbc;padding:.4rem 0}\
        code{font-size:1rem;font-family:ui-monospace,monospace}\
        .log .when{font-variant-numeric:tabular-nums}\
        @media (min-width:48rem){main{padding:1rem 1.5rem 6rem}header.bar nav{padding:0 1rem}h1{font-size:1.7rem}}
        """
}
