// "/" focuses the customer search from any page, unless the person is typing in a field.
document.addEventListener('keydown', event => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const search = document.querySelector('input[data-customer-search], [data-customer-search] input');
    if (!search) return;
    event.preventDefault();
    search.focus();
    search.select();
});

// A dialog gives focus back to the control that opened it when it closes.
let opener = null;
document.addEventListener('focusin', event => {
    const into = event.target instanceof Element && event.target.closest('[role=dialog]');
    const from = event.relatedTarget instanceof Element ? event.relatedTarget : null;
    if (into && from && !from.closest('[role=dialog]')) opener = from;
});
new MutationObserver(() => {
    if (!opener || document.querySelector('[role=dialog]')) return;
    const target = opener;
    opener = null;
    if (target.isConnected && (document.activeElement === document.body || document.activeElement === null)) target.focus();
}).observe(document.body, { childList: true, subtree: true });

// A dialog that reads its subject before showing its form puts the cursor in the form's first field once it shows
// (FirstFieldFocus.razor). The dialog must place no focus of its own: one placed later would take the cursor back.
const focusedContents = new WeakSet();
new MutationObserver(() => {
    const content = document.querySelector('[role=dialog] [data-focus-first]');
    if (!content || focusedContents.has(content)) return;
    focusedContents.add(content);
    content.querySelector('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])')?.focus();
}).observe(document.body, { childList: true, subtree: true });
