// The dashboard's own script, loaded from a file because the Content-Security-Policy forbids inline script.
// A button with data-copy="<element id>" copies that element's text.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent);
    button.textContent = 'Copied';
  } catch (e) {
    button.textContent = 'Select the text and copy it';
  }
});

// The template editor: after each pause in typing (400 ms) the form's texts go to the preview route, which answers
// with the PDF (shown in the frame) or the server's problems (listed as text beside the fields). A slower answer
// to an older edit never replaces a newer one.
(() => {
  const editor = document.getElementById('editor');
  if (!editor || !editor.dataset.preview) return;
  const frame = document.getElementById('preview-frame');
  const status = document.getElementById('preview-status');
  const errors = document.getElementById('preview-errors');
  let timer = null;
  let seq = 0;
  let shown = null;
  const problems = (list) => {
    errors.replaceChildren(...list.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }));
    errors.hidden = list.length === 0;
  };
  const run = async () => {
    const mine = ++seq;
    const started = performance.now();
    status.textContent = 'Rendering the preview…';
    let res;
    try {
      res = await fetch(editor.dataset.preview, {
        method: 'POST',
        body: new URLSearchParams(new FormData(editor)),
        headers: { 'X-CSRF-Token': editor.elements._csrf.value },
        credentials: 'same-origin',
      });
    } catch (e) {
      if (mine === seq) status.textContent = 'The preview could not be reached: ' + e.message;
      return;
    }
    if (mine !== seq) return;
    if (res.ok) {
      const pdf = await res.blob();
      if (mine !== seq) return;
      if (shown) URL.revokeObjectURL(shown);
      shown = URL.createObjectURL(pdf);
      frame.src = shown;
      // the PDF shown, kept readable without a fetch (connect-src does not allow blob:): the browser test reads it
      frame.pdf = pdf;
      const open = document.getElementById('preview-open');
      open.href = shown;
      open.hidden = false;
      problems([]);
      status.dataset.updates = String(Number(status.dataset.updates || '0') + 1);
      status.dataset.bytes = String(pdf.size);
      status.textContent = 'Preview updated in ' + Math.round(performance.now() - started) + ' ms.';
      return;
    }
    let body = null;
    try { body = await res.json(); } catch (e) { /* not JSON: the status line says enough */ }
    if (mine !== seq) return;
    const list = body && Array.isArray(body.problems) ? body.problems.slice() : [];
    list.unshift(body && body.message ? body.message : 'Error ' + res.status);
    problems(list);
    status.textContent = 'The preview is not updated: see the problems below.';
  };
  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 400);
  });
  run();
})();

// Syntax highlighting for the editor's JSON fields, drawn behind each textarea: the textarea stays the control (its
// text transparent, its caret visible), a <pre> beneath shows the same text in colour. Tokens are built as DOM nodes
// with textContent, never as HTML. Inside strings, Handlebars ({{…}}) and HTML tags get colours of their own.
(() => {
  const TOKEN = /("(?:[^"\\\n]|\\.)*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}\[\],:])/g;
  const INNER = /(\{\{\{?[^}]*\}?\}\})|(<\/?[A-Za-z][^>"]*>?)/g;
  const span = (cls, text) => {
    const s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  };
  const stringParts = (text, out) => {
    let last = 0;
    for (const m of text.matchAll(INNER)) {
      if (m.index > last) out.push(span('tok-string', text.slice(last, m.index)));
      out.push(span(m[1] ? 'tok-hbs' : 'tok-tag', m[0]));
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push(span('tok-string', text.slice(last)));
  };
  const highlight = (text) => {
    const out = [];
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      if (m.index > last) out.push(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) {
        if (m[2] !== undefined) {
          out.push(span('tok-key', m[1]));
          out.push(span('tok-punct', m[2]));
        } else {
          stringParts(m[1], out);
        }
      } else if (m[3] !== undefined) {
        out.push(span('tok-number', m[3]));
      } else if (m[4] !== undefined) {
        out.push(span('tok-literal', m[4]));
      } else {
        out.push(span('tok-punct', m[5]));
      }
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push(document.createTextNode(text.slice(last)));
    // a final newline needs a character after it, or the pre is a line shorter than the textarea
    out.push(document.createTextNode(text.endsWith('\n') ? ' ' : ''));
    return out;
  };
  for (const box of document.querySelectorAll('.code-input')) {
    const area = box.querySelector('textarea');
    const pre = box.querySelector('pre');
    const code = pre.querySelector('code');
    const draw = () => {
      code.replaceChildren(...highlight(area.value));
      pre.scrollTop = area.scrollTop;
      pre.scrollLeft = area.scrollLeft;
    };
    area.addEventListener('input', draw);
    area.addEventListener('scroll', () => {
      pre.scrollTop = area.scrollTop;
      pre.scrollLeft = area.scrollLeft;
    });
    box.classList.add('highlighted');
    draw();
  }
})();
