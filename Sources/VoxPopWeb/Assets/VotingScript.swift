/// The voting page's script, served as `/assets/voxpop-HASH.js` (`WebAssets`).
enum VotingScript {
    /// Ranking by arrows or drag (kept in step with the rank fields the form posts: once moved,
    /// the list's order is the ranking), and the points left on a budget. The page works without it.
    static let source = """
        document.querySelectorAll('ol.rank').forEach(function(list){\
        var most=+list.dataset.most;\
        function number(){Array.prototype.forEach.call(list.children,function(li,i){\
        li.querySelector('input').value=i<most?String(i+1):'';});}\
        function sort(){var items=Array.prototype.slice.call(list.children);items.sort(function(a,b){\
        var x=a.querySelector('input').value,y=b.querySelector('input').value;\
        return (x===''?1e9:+x)-(y===''?1e9:+y);});items.forEach(function(li){list.appendChild(li);});}\
        Array.prototype.forEach.call(list.children,function(li){\
        ['up','down'].forEach(function(way){var b=document.createElement('button');b.type='button';b.className='small';\
        b.textContent=way==='up'?'\\u2191':'\\u2193';b.setAttribute('aria-label',list.dataset[way]);\
        b.onclick=function(){var other=way==='up'?li.previousElementSibling:li.nextElementSibling;if(!other)return;\
        if(way==='up')list.insertBefore(li,other);else list.insertBefore(other,li);\
        number();b.focus();};li.querySelector('.option').appendChild(b);});\
        li.querySelector('input').onchange=sort;\
        li.ondragstart=function(e){e.dataTransfer.setData('text/plain','');list.dragged=li;};\
        li.ondragover=function(e){e.preventDefault();};\
        li.ondrop=function(e){e.preventDefault();var d=list.dragged;if(!d||d===li)return;\
        list.insertBefore(d,li);number();};});});\
        document.querySelectorAll('fieldset[data-budget]').forEach(function(set){var budget=+set.dataset.budget;\
        var out=set.querySelector('.left');function left(){var used=0;set.querySelectorAll('input').forEach(function(i){used+=+i.value||0;});\
        out.textContent=(budget-used)+' / '+budget;}set.oninput=left;left();});
        """
}
