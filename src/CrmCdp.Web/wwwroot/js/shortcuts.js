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
