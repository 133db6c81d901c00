/// The pages' style sheet, served as `/assets/voxpop-HASH.css` (`WebAssets`).
enum Stylesheet {
    static let source = """
        *{box-sizing:border-box}body{font:1.0625rem/1.5 system-ui,sans-serif;margin:0;color:#1e1e1e;background:#fff}\
        main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;line-height:1.2}h2{font-size:1.25rem}\
        a{color:#0b4f9c}:focus-visible{outline:3px solid #b35900;outline-offset:2px}\
        section{border-top:1px solid #c0bfbc;padding-top:.5rem;margin-top:1.5rem}\
        fieldset{border:0;padding:0;margin:0}legend{font-weight:600;margin-bottom:.5rem}\
        .option{display:flex;flex-wrap:wrap;gap:.5rem .75rem;align-items:flex-start;padding:.6rem;border:1px solid #c0bfbc;\
        border-radius:.5rem;margin:.4rem 0;min-height:2.75rem}.option label{flex:1}\
        .option small{display:block;color:#4a4a4a}.option label{min-width:8rem}.option a{flex-basis:100%}\
        input[type=radio],input[type=checkbox]{width:1.4rem;height:1.4rem;margin:.15rem 0}\
        input[type=text],input[type=number],select{font:inherit;padding:.45rem;border:1px solid #5e5c64;border-radius:.35rem;min-height:2.75rem}\
        input[type=number]{width:4.5rem}button{font:inherit;min-height:2.75rem;padding:.5rem 1.25rem;border:0;border-radius:.5rem;\
        background:#0b4f9c;color:#fff;cursor:pointer}button.small{padding:.25rem .6rem;background:#deddda;color:#1e1e1e}\
        .actions{margin-top:1rem}.note{background:#f6f5f4;border-left:4px solid #0b4f9c;padding:.5rem .75rem}\
        .error{border-left-color:#a51d2d}code{word-break:break-all;font-size:1.05rem}\
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #c0bfbc;padding:.4rem;text-align:left}\
        nav a{margin-right:.75rem}.rank li{list-style:none}.rank{padding:0}\
        .tag{display:inline-block;margin-left:.5rem;padding:0 .4rem;border-radius:.25rem;background:#e8f0fa;font-size:.9rem}
        """
}
