// Polls the status API and fills the page. No framework and no build step: the page is
// one table of numbers, and the full dashboard will replace the polling with SSE.
'use strict';

// Built from location.origin, never from location.href: a page opened as http://user:pw@host/…
// would otherwise resolve to a URL with credentials, which fetch() refuses. The browser still
// sends the Basic credentials it holds for this origin.
const STATUS_URL = location.origin + location.pathname.replace(/[^/]*$/, '') + 'api/status';
const POLL_MILLIS = 2000;

const count = new Intl.NumberFormat();

function field(status, path) {
    return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), status);
}

function show(element, value) {
    // textContent only: nothing from the server is ever parsed as HTML.
    element.textContent = value == null ? '–' : (typeof value === 'number' ? count.format(value) : value);
}

function cell(text, numeric) {
    const td = document.createElement('td');
    if (numeric) td.className = 'number';
    show(td, text);
    return td;
}

function render(status) {
    document.querySelectorAll('[data-field]').forEach(element => show(element, field(status, element.dataset.field)));

    const rows = status.ledgers.map(ledger => {
        const tr = document.createElement('tr');
        tr.append(cell(ledger.name), cell(ledger.engine), cell(ledger.accounts, true),
            cell(ledger.balance, true), cell(ledger.openingBalance, true), cell(ledger.entries, true));
        return tr;
    });
    document.getElementById('ledgers').replaceChildren(...rows);

    const verdict = document.getElementById('invariant');
    verdict.textContent = status.invariant.holds ? 'holds' : 'violated';
    verdict.className = 'verdict ' + (status.invariant.holds ? 'holds' : 'violated');

    const nanos = field(status, 'transactions.averageCommitTimeNanos');
    show(document.getElementById('average-commit'), nanos == null ? null : (nanos / 1e6).toFixed(2) + ' ms');

    document.getElementById('freshness').textContent =
        'as of ' + new Date(status.generatedAt).toLocaleTimeString();
}

function report(problem) {
    const element = document.getElementById('problem');
    element.hidden = problem == null;
    element.textContent = problem || '';
    document.body.classList.toggle('stale', problem != null);
}

async function describeFailure(response) {
    if (response.status === 401 || response.status === 403) {
        return 'Not allowed to read the status (role monitor needed). Reload the page to log in again.';
    }
    try {
        const body = await response.json();
        if (body.error) return body.error.charAt(0).toUpperCase() + body.error.slice(1) + '.';
    } catch (ignored) {
        // not JSON: fall through to the status line
    }
    return 'Status unavailable: HTTP ' + response.status + '.';
}

async function poll() {
    try {
        const response = await fetch(STATUS_URL, {cache: 'no-store', headers: {Accept: 'application/json'}});
        if (response.ok) {
            render(await response.json());
            report(null);
        } else {
            report(await describeFailure(response));
        }
    } catch (e) {
        report('Server unreachable: ' + e.message);
    } finally {
        // Next poll only after this one ends, so a slow server never gets a pile of requests.
        setTimeout(poll, POLL_MILLIS);
    }
}

poll();
