/// The voting page's script, served as `/assets/voxpop-HASH.js` (`WebAssets`). The page works
/// without it: it only adds controls over the plain form fields and keeps them in step.
enum VotingScript {
    /// - Ranked ballots: nothing is ranked until the voter ranks it. Each option gets buttons
    ///   (`data-action` = `rank`, `unrank`, `up`, `down`) that change the ranking, which fills the
    ///   rank fields the form posts (hidden then); the ranking so far is a numbered list above
    ///   the options and a summary beside the send button, and every change is announced. A
    ///   form with nothing ranked is not sent.
    ///   Ranking past the limit says so where the voter looks (the summary), not only to
    ///   screen readers.
    ///   A reload keeps the ranking so far (the tab's session storage, per ballot and voter link
    ///   or invite code); sending it forgets it, so the next person at a shared screen does not
    ///   see it.
    /// - Approval ballots with a limit: a box past it is not ticked, and the summary says why.
    /// - Points ballots: the points left, kept in view (a field counts as the number it holds,
    ///   `1e1` as 10), and once overspent, by how much (never "-3 of 10 left"); an overspent
    ///   vote is not sent.
    /// - Pictures: a thumbnail opens larger over the page (a dialog), not on another page.
    /// The words come from the page (`data-words`), in its language.
    static let source = """
        (function(){'use strict';\
        function all(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s));}\
        function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}\
        function fill(t,a){return t.replace(/\\{(\\d)\\}/g,function(m,i){return a[i-1];});}\
        function say(region,text){region.textContent='';setTimeout(function(){region.textContent=text;},60);}\
        all('fieldset[data-most]').forEach(function(set){\
        var w=set.dataset.words.split('|'),most=+set.dataset.most,form=set.form,order=[],by={};\
        var live=el('p','vh');live.setAttribute('aria-live','polite');set.appendChild(live);\
        var box=el('div','ranking'),title=el('h3',null,w[4]),ol=el('ol'),none=el('p',null,w[6]);\
        title.id=set.form.getAttribute('action').replace(/\\W/g,'-')+'-ranking';ol.setAttribute('aria-labelledby',title.id);\
        box.append(title,ol,none);set.insertBefore(box,set.querySelector('.options'));\
        var summary=form.querySelector('.summary');\
        all('li[data-option]',set).forEach(function(li){\
        var id=li.dataset.option,input=li.querySelector('input'),name=li.querySelector('label').firstChild.nodeValue.trim();\
        input.hidden=true;var pos=el('span','pos');pos.setAttribute('aria-hidden','true');li.insertBefore(pos,li.firstChild);\
        var c=el('span','controls'),b={};\
        [['rank',w[0],w[0],'ctl add'],['up','\\u2191',w[1],'ctl'],['down','\\u2193',w[2],'ctl'],['unrank','\\u2715',w[3],'ctl']]\
        .forEach(function(d){var x=el('button',d[3],d[1]);x.type='button';x.dataset.action=d[0];\
        x.setAttribute('aria-label',d[2]+': '+name);b[d[0]]=x;c.appendChild(x);});\
        input.after(c);by[id]={li:li,input:input,name:name,pos:pos,b:b};\
        c.addEventListener('click',function(e){var x=e.target.closest('button');if(x)act(id,x.dataset.action);});});\
        Object.keys(by).filter(function(id){return +by[id].input.value>0;})\
        .sort(function(x,y){return by[x].input.value-by[y].input.value;}).slice(0,most).forEach(function(id){order.push(id);});\
        var key=['voxpop-ranking',form.getAttribute('action')].concat(['t','invite'].map(function(n){\
        return form.elements[n]?form.elements[n].value:'';})).join('|');\
        function keep(f){try{return f(window.sessionStorage);}catch(e){}}\
        if(!order.length)(keep(function(s){return JSON.parse(s.getItem(key)||'[]');})||[]).forEach(function(id){\
        if(by[id]&&order.indexOf(id)<0&&order.length<most)order.push(id);});\
        function render(){Object.keys(by).forEach(function(id){var o=by[id],k=order.indexOf(id),r=k>=0;\
        o.input.value=r?String(k+1):'';o.pos.textContent=r?String(k+1):'';\
        if(r)o.li.dataset.rank=k+1;else delete o.li.dataset.rank;\
        o.b.rank.hidden=r;o.b.up.hidden=o.b.down.hidden=o.b.unrank.hidden=!r;\
        o.b.up.disabled=k===0;o.b.down.disabled=k===order.length-1;});\
        ol.textContent='';order.forEach(function(id){ol.appendChild(el('li',null,by[id].name));});\
        ol.hidden=!order.length;none.hidden=!!order.length;\
        summary.classList.remove('error');\
        summary.textContent=order.length?w[5]+' '+order.map(function(id,k){return (k+1)+' '+by[id].name;}).join(', '):'';\
        keep(function(s){if(order.length)s.setItem(key,JSON.stringify(order));else s.removeItem(key);});}\
        function act(id,a){var k=order.indexOf(id),o=by[id];\
        if(a==='rank'){if(k>=0)return;if(order.length>=most){summary.textContent=w[8];summary.classList.add('error');\
        say(live,w[8]);return;}order.push(id);}\
        else if(a==='unrank'){if(k<0)return;order.splice(k,1);}\
        else if(a==='up'){if(k<=0)return;order.splice(k,1);order.splice(k-1,0,id);}\
        else if(a==='down'){if(k<0||k>=order.length-1)return;order.splice(k,1);order.splice(k+1,0,id);}\
        render();k=order.indexOf(id);\
        say(live,k<0?fill(w[10],[o.name]):fill(w[9],[o.name,k+1]));\
        var next=a==='unrank'?o.b.rank:a==='rank'?o.b.unrank:o.b[a].disabled?o.b[a==='up'?'down':'up']:o.b[a];\
        if(next.disabled)next=o.b.unrank;next.focus();}\
        form.addEventListener('submit',function(e){if(order.length){keep(function(s){s.removeItem(key);});return;}\
        e.preventDefault();\
        summary.textContent=w[7];summary.classList.add('error');say(live,w[7]);});\
        render();});\
        all('fieldset[data-budget]').forEach(function(set){\
        var budget=+set.dataset.budget,w=set.dataset.words.split('|'),out=set.form.querySelector('.left');\
        var inputs=all('input[type=number]',set);\
        function used(){return inputs.reduce(function(s,i){return s+Math.max(0,Number(i.value)||0);},0);}\
        function show(){var u=used();out.textContent=u>budget?fill(w[1],[u,budget]):fill(w[0],[budget-u,budget]);\
        out.classList.toggle('error',u>budget);}\
        set.addEventListener('input',show);show();\
        set.form.addEventListener('submit',function(e){var u=used();if(u<=budget)return;e.preventDefault();\
        out.textContent=fill(w[1],[u,budget]);out.classList.add('error');});});\
        all('fieldset[data-max]').forEach(function(set){\
        var most=+set.dataset.max,out=set.form.querySelector('.summary');\
        set.addEventListener('change',function(e){var box=e.target;out.textContent='';out.classList.remove('error');\
        if(!box.checked||all('input:checked',set).length<=most)return;box.checked=false;\
        out.textContent=set.dataset.words;out.classList.add('error');});});\
        var dialog;\
        document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a.zoom');\
        if(!a||e.ctrlKey||e.metaKey||e.shiftKey||!window.HTMLDialogElement)return;e.preventDefault();\
        var thumb=a.querySelector('img');\
        if(!dialog){dialog=el('dialog','zoomed');var close=el('button','small','\\u2715');close.type='button';\
        close.addEventListener('click',function(){dialog.close();});\
        dialog.append(close,el('img'),el('p'));document.body.appendChild(dialog);\
        dialog.addEventListener('click',function(ev){if(ev.target===dialog)dialog.close();});}\
        var list=a.closest('[data-close]');dialog.firstChild.setAttribute('aria-label',list?list.dataset.close:'\\u2715');\
        var img=dialog.querySelector('img');img.src=a.href;img.alt=thumb.alt;img.width=thumb.width;img.height=thumb.height;\
        dialog.querySelector('p').textContent=thumb.alt;dialog.setAttribute('aria-label',thumb.alt);dialog.showModal();});\
        })();
        """
}
