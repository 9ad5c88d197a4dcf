// The run form's page script (Docker Workbench). It only keeps the form's text in a draft and
// posts it to the extension; the extension answers with the equivalent command line and the
// problems (client/src/run/runFormProtocol.ts has the message types). Everything is built with
// DOM calls and textContent, never from HTML strings.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const block = document.getElementById('form-data');
  const { data, labels } = JSON.parse(block ? block.textContent || '{}' : '{}');
  const saved = vscode.getState();
  /** @type {any} */
  const draft = saved && saved.draft && saved.draft.image === data.draft.image ? saved.draft : data.draft;

  const SCALARS = ['name', 'detachKeys', 'aliases', 'links', 'command', 'entrypoint', 'workdir', 'user', 'memory', 'cpus', 'maxRetries', 'logDriver'];
  const CHECKS = ['remove', 'publishAll', 'readOnly'];
  const SELECTS = ['network', 'restart'];

  /** @param {string} id */
  const byId = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

  /**
   * @param {string} tag
   * @param {Record<string, any>} [props]
   * @param {Array<Node | string>} [children]
   */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('aria-') || key.startsWith('data-') || key === 'list' || key === 'for' || key === 'role') node.setAttribute(key, value);
      else /** @type {any} */ (node)[key] = value;
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  let timer = 0;
  function changed() {
    vscode.setState({ draft });
    clearTimeout(timer);
    timer = setTimeout(() => vscode.postMessage({ type: 'change', draft }), 120);
  }

  /** A text box bound to item[key]. */
  function textBox(item, key, placeholder, ariaLabel, extra) {
    const box = el('input', { type: 'text', value: item[key] || '', placeholder, title: ariaLabel, spellcheck: false, 'aria-label': ariaLabel, ...(extra || {}) });
    box.addEventListener('input', () => {
      item[key] = box.value;
      changed();
    });
    return box;
  }

  function checkBox(item, key, text) {
    const box = el('input', { type: 'checkbox', checked: Boolean(item[key]) });
    box.addEventListener('change', () => {
      item[key] = box.checked;
      changed();
    });
    return el('label', { class: 'choice' }, [box, ' ' + text]);
  }

  function removeButton(list, index) {
    const button = el('button', { type: 'button', class: 'icon', title: labels.removeRow, 'aria-label': labels.removeRow, text: '✕' });
    button.addEventListener('click', () => {
      draft[list].splice(index, 1);
      render(list);
      changed();
    });
    return button;
  }

  function browseButton(what, index) {
    const button = el('button', { type: 'button', class: 'secondary', text: labels.browse });
    button.addEventListener('click', () => vscode.postMessage({ type: 'browse', what, index }));
    return button;
  }

  const problemSlot = (anchor) => el('div', { class: 'problem', 'data-for': anchor, role: 'alert' });

  /** A control with its caption above it (shown on a list's first row only, as column headings). */
  const cell = (caption, control) => el('label', { class: 'cell' }, [el('span', { class: 'caption', text: caption }), control]);

  const rows = {
    ports(item, index) {
      const protocol = el('select', { 'aria-label': labels.protocol }, ['tcp', 'udp', 'sctp'].map((p) => el('option', { value: p, text: p })));
      protocol.value = item.protocol || 'tcp';
      protocol.addEventListener('change', () => {
        item.protocol = protocol.value;
        changed();
      });
      return [
        cell(labels.hostIp, textBox(item, 'hostIp', labels.hostIpPlaceholder, labels.hostIp, { class: 'ip' })),
        el('span', { class: 'sep', text: ':' }),
        cell(labels.hostPort, textBox(item, 'hostPort', labels.hostPortPlaceholder, labels.hostPort, { class: 'port' })),
        el('span', { class: 'sep', text: '→' }),
        cell(labels.containerPort, textBox(item, 'containerPort', labels.containerPortPlaceholder, labels.containerPort, { class: 'port' })),
        cell(labels.protocol, protocol),
        removeButton('ports', index),
      ];
    },
    mounts(item, index) {
      const type = el('select', { 'aria-label': labels.mountType }, [
        el('option', { value: 'volume', text: labels.volume }),
        el('option', { value: 'bind', text: labels.bind }),
        el('option', { value: 'tmpfs', text: labels.tmpfs }),
      ]);
      type.value = item.type;
      type.addEventListener('change', () => {
        item.type = type.value;
        render('mounts');
        changed();
      });
      const parts = [cell(labels.mountType, type)];
      if (item.type === 'volume') parts.push(cell(labels.volumeName, textBox(item, 'source', labels.volumePlaceholder, labels.volumeName, { list: 'volume-names', class: 'source' })));
      if (item.type === 'bind') parts.push(cell(labels.hostPath, textBox(item, 'source', labels.hostPathPlaceholder, labels.hostPath, { class: 'source' })), browseButton('bind', index));
      if (item.type === 'tmpfs') parts.push(cell(labels.size, textBox(item, 'size', labels.sizePlaceholder, labels.size, { class: 'source' })));
      parts.push(el('span', { class: 'sep', text: '→' }), cell(labels.target, textBox(item, 'target', labels.targetPlaceholder, labels.target, { class: 'target' })), checkBox(item, 'readOnly', labels.readOnly));
      if (item.type === 'volume') parts.push(checkBox(item, 'create', labels.create));
      parts.push(removeButton('mounts', index));
      return parts;
    },
    env(item, index) {
      return [cell(labels.variable, textBox(item, 'key', labels.variablePlaceholder, labels.variable, { class: 'key' })), el('span', { class: 'sep', text: '=' }), cell(labels.value, textBox(item, 'value', '', labels.value, { class: 'value' })), removeButton('env', index)];
    },
    envFiles(_item, index) {
      const holder = { path: draft.envFiles[index] };
      const box = el('input', { type: 'text', value: holder.path || '', placeholder: labels.envFilePlaceholder, spellcheck: false, 'aria-label': labels.envFile, class: 'source' });
      box.addEventListener('input', () => {
        draft.envFiles[index] = box.value;
        changed();
      });
      return [cell(labels.envFile, box), browseButton('envFile', index), removeButton('envFiles', index)];
    },
    logOptions(item, index) {
      return [cell(labels.logOption, textBox(item, 'key', labels.logOptionPlaceholder, labels.logOption, { class: 'key' })), el('span', { class: 'sep', text: '=' }), cell(labels.value, textBox(item, 'value', '', labels.value, { class: 'value' })), removeButton('logOptions', index)];
    },
  };

  const blank = {
    ports: () => ({ hostIp: '127.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' }),
    mounts: () => ({ type: 'volume', source: '', target: '', readOnly: false, create: false, size: '' }),
    env: () => ({ key: '', value: '' }),
    envFiles: () => '',
    logOptions: () => ({ key: '', value: '' }),
  };

  /** @param {keyof typeof rows} list */
  function render(list) {
    const container = byId(list);
    container.replaceChildren(...draft[list].map((item, index) => el('div', { class: 'row', 'data-row': `${list}.${index}` }, [
      el('div', { class: 'row-fields' }, rows[list](item, index)),
      problemSlot(`${list}.${index}`),
    ])));
  }

  function showMaxRetries() {
    byId('maxRetriesBox').hidden = draft.restart !== 'on-failure';
  }

  // ── fill the form from the draft and keep the draft in step ────────────────────────────
  for (const id of SCALARS) {
    const box = byId(id);
    box.value = draft[id] || '';
    box.addEventListener('input', () => {
      draft[id] = box.value;
      changed();
    });
  }
  for (const id of CHECKS) {
    const box = byId(id);
    box.checked = Boolean(draft[id]);
    box.addEventListener('change', () => {
      draft[id] = box.checked;
      changed();
    });
  }
  for (const id of SELECTS) {
    const select = /** @type {HTMLSelectElement} */ (/** @type {unknown} */ (byId(id)));
    if (draft[id] && ![...select.options].some((o) => o.value === draft[id])) select.append(el('option', { value: draft[id], text: draft[id] }));
    select.value = draft[id] || '';
    select.addEventListener('change', () => {
      draft[id] = select.value;
      showMaxRetries();
      changed();
    });
  }
  // Detach keys only mean something with a terminal (-it).
  const showDetachKeys = () => {
    byId('detachKeys').closest('.field')?.toggleAttribute('hidden', draft.mode !== 'interactive');
  };
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    const input = /** @type {HTMLInputElement} */ (radio);
    input.checked = input.value === draft.mode;
    input.addEventListener('change', () => {
      if (input.checked) draft.mode = input.value;
      showDetachKeys();
      changed();
    });
  }
  showDetachKeys();
  for (const button of document.querySelectorAll('button[data-add]')) {
    const list = /** @type {keyof typeof rows} */ (button.getAttribute('data-add'));
    button.addEventListener('click', () => {
      draft[list].push(blank[list]());
      render(list);
      const inputs = byId(list).querySelectorAll('.row:last-child input[type="text"]');
      const first = /** @type {HTMLInputElement | undefined} */ (list === 'ports' ? inputs[2] : inputs[0]);
      first?.focus();
      changed();
    });
  }
  for (const list of Object.keys(rows)) render(/** @type {keyof typeof rows} */ (list));
  showMaxRetries();

  const post = (type) => vscode.postMessage({ type, draft });
  byId('run').addEventListener('click', () => post('run'));
  byId('save').addEventListener('click', () => post('save'));
  byId('copy').addEventListener('click', () => post('copy'));
  byId('cancel').addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
  const pull = document.getElementById('pull');
  pull?.addEventListener('click', () => {
    /** @type {HTMLButtonElement} */ (pull).disabled = true;
    vscode.postMessage({ type: 'pull' });
  });
  document.getElementById('form')?.addEventListener('submit', (event) => event.preventDefault());

  // ── answers from the extension ────────────────────────────────────────────────────────
  function showProblems(problems) {
    for (const slot of document.querySelectorAll('.problem')) slot.replaceChildren();
    for (const row of document.querySelectorAll('.invalid')) row.classList.remove('invalid');
    const general = byId('problems');
    general.replaceChildren();
    const slots = [...document.querySelectorAll('.problem')];
    for (const problem of problems) {
      const line = el('div', { class: problem.severity, text: problem.message });
      const slot = slots.find((s) => s.getAttribute('data-for') === problem.anchor);
      if (slot) {
        slot.append(line);
        slot.closest('.row, .field')?.classList.add('invalid');
        const section = slot.closest('details');
        if (section && problem.severity === 'error') section.open = true;
      } else {
        general.append(el('li', { class: problem.severity, text: problem.message }));
      }
    }
    const blocked = problems.some((p) => p.severity === 'error');
    byId('run').disabled = blocked;
    if (blocked && !general.children.length) general.append(el('li', { class: 'error', text: labels.errors }));
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'preview') {
      byId('commandLine').textContent = message.commandLine;
      showProblems(message.problems || []);
    } else if (message.type === 'picked') {
      if (message.what === 'bind' && draft.mounts[message.index]) {
        draft.mounts[message.index].source = message.path;
        render('mounts');
      } else if (message.what === 'envFile' && message.index < draft.envFiles.length) {
        draft.envFiles[message.index] = message.path;
        render('envFiles');
      }
      changed();
    } else if (message.type === 'status') {
      const status = byId('status');
      status.textContent = message.text;
      status.className = message.kind;
      if (message.kind === 'error' && pull) /** @type {HTMLButtonElement} */ (pull).disabled = false;
    } else if (message.type === 'pulled') {
      byId('imageDetail').textContent = message.imageDetail;
      pull?.remove();
    }
  });

  vscode.postMessage({ type: 'ready' });
  vscode.postMessage({ type: 'change', draft });
})();
