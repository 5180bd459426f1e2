// Keyboard shortcuts: "/" or Ctrl+K (Cmd+K) jumps to the global search box.
document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  const isSlash = event.key === '/' && !typing;
  const isCtrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
  if (!isSlash && !isCtrlK) {
    return;
  }
  const box = document.getElementById('global-search');
  if (box) {
    event.preventDefault();
    box.focus();
  }
});

// After a navigation the heading takes the keyboard (for screen readers and keyboard users), unless the person
// already started typing somewhere: a search box focused with "/" keeps its focus.
window.crmcdp = window.crmcdp || {};
window.crmcdp.focusUnlessTyping = (selector) => {
  const active = document.activeElement;
  if (active instanceof HTMLElement && (active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName))) {
    return;
  }
  const target = document.querySelector(selector);
  if (target instanceof HTMLElement) {
    if (!target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
    }
    target.focus();
  }
};

// Copies a secret shown once (API key, write key, temporary password); answers whether it worked.
window.crmcdp.copy = async (text) => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
};
