// WAI-ARIA tabs (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): in a role=tablist, Left/Right move the focus to the
// previous/next tab (wrapping), Home/End to the first/last; Enter (a link's own) or Space follows the focused tab.
// One listener on the document: Blazor re-renders the tabs, and this keeps working before the circuit connects.
document.addEventListener('keydown', event => {
    const tab = event.target.closest && event.target.closest('[role=tablist] [role=tab]');
    if (!tab || event.altKey || event.ctrlKey || event.metaKey)
        return;
    const tabs = [...tab.closest('[role=tablist]').querySelectorAll('[role=tab]')];
    const at = tabs.indexOf(tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next !== undefined) {
        event.preventDefault();
        const target = tabs[(next + tabs.length) % tabs.length];
        tabs.forEach(t => t.setAttribute('tabindex', t === target ? '0' : '-1'));
        target.focus();
    } else if (event.key === ' ') {
        event.preventDefault();
        tab.click();
    }
});
