// Opens, switches and closes the console's reconnect dialog (ReconnectModal.razor) as blazor.web.js reports the
// circuit's connection states on it, and runs the dialog's buttons. The listeners sit on the document and find the
// dialog when they need it, so they keep working if enhanced navigation puts in a new copy of the page's markup.
const dialogId = "components-reconnect-modal";

// The dialog's part for each state (ReconnectModal.razor.css shows only that one).
const parts = {
    show: "lost",
    retrying: "lost",
    failed: "failed",
    paused: "paused",
    "resume-failed": "resume-failed",
    rejected: "rejected",
};

let retrying = false;
let wasDown = false;

const dialog = () => document.getElementById(dialogId);
const stillDown = () => dialog().querySelector(".reconnect-still-down");

// The state event does not bubble: listen in the capture phase, which every event passes through.
document.addEventListener("components-reconnect-state-changed", event => {
    if (event.target.id !== dialogId) return;
    const { state, secondsToNextAttempt } = event.detail;
    if (state === "hide") {
        close();
        if (wasDown) resendFormFields();
        wasDown = false;
    } else if (state in parts) {
        wasDown = true;
        display(state);
        // The first attempts follow each other at once; the wait before a later one is worth showing.
        dialog().toggleAttribute("data-waiting", state === "retrying" && secondsToNextAttempt > 0);
        if (state === "failed") retryWhenBack();
    }
}, true);

// Escape would only uncover a page that cannot work until the connection is back.
document.addEventListener("cancel", event => {
    if (event.target.id === dialogId) event.preventDefault();
}, true);

document.addEventListener("click", event => {
    const button = event.target.closest(`#${dialogId} [data-reconnect-action]`);
    const action = button?.dataset.reconnectAction;
    if (action === "retry") retry();
    else if (action === "resume") resume();
    else if (action === "reload") location.reload();
});

function display(state) {
    const modal = dialog();
    const part = parts[state];
    modal.dataset.state = state;
    // The shown part's heading names the dialog, and its button (if it has one) takes the focus.
    modal.setAttribute("aria-labelledby", `reconnect-${part}-title`);
    if (!modal.open) modal.showModal();
    modal.querySelector(`.reconnect-${part} button`)?.focus();
}

function close() {
    stopRetryingWhenBack();
    const modal = dialog();
    delete modal.dataset.state;
    modal.removeAttribute("data-waiting");
    stillDown().textContent = "";
    if (modal.open) modal.close();
}

async function retry() {
    if (retrying) return;
    retrying = true;
    stopRetryingWhenBack();
    const button = dialog().querySelector("[data-reconnect-action=retry]");
    button.disabled = true;
    stillDown().textContent = "Trying to reconnect…";
    try {
        // On success blazor.web.js reports "hide".
        if (await Blazor.reconnect()) return;
        // The server answered but no longer holds the circuit: take it up from its saved state if the server kept one.
        if (!(await Blazor.resumeCircuit())) display("rejected");
    } catch {
        stillDown().textContent = "Still no connection. Retry once your network is back.";
        retryWhenBack();
    } finally {
        button.disabled = false;
        retrying = false;
        // Disabling the button took the focus from it.
        if (dialog().dataset.state === "failed") button.focus();
    }
}

async function resume() {
    try {
        if (!(await Blazor.resumeCircuit())) display("resume-failed");
    } catch {
        display("resume-failed");
    }
}

// After the automatic attempts have given up, try again by itself when the network or the person comes back.
function retryWhenBack() {
    window.addEventListener("online", retry);
    document.addEventListener("visibilitychange", retryIfVisible);
}

function stopRetryingWhenBack() {
    window.removeEventListener("online", retry);
    document.removeEventListener("visibilitychange", retryIfVisible);
}

function retryIfVisible() {
    if (document.visibilityState === "visible") retry();
}

// An edit whose event was lost with the connection (or a message too large to carry, which closes it) leaves the
// server with an older value than the screen shows, and an action would run on that. Once the circuit is back,
// every field of a form tells the server its value again, cut at the field's own limit so that it fits.
function resendFormFields() {
    for (const field of document.querySelectorAll("form input, form textarea")) {
        if (field.readOnly || field.disabled || field.closest(`#${dialogId}`)) continue;
        if (["hidden", "file", "submit", "button", "reset", "image"].includes(field.type)) continue;
        if (field.type === "radio" && !field.checked) continue;
        if (field.maxLength > 0 && field.value.length > field.maxLength) field.value = field.value.slice(0, field.maxLength);
        if (field.type !== "checkbox" && field.type !== "radio") field.dispatchEvent(new Event("input", { bubbles: true }));
        field.dispatchEvent(new Event("change", { bubbles: true }));
    }
}
