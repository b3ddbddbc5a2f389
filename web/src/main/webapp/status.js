// Listens to the status stream (server-sent events) and fills the page. No framework and no build
// step: tables of numbers, one SVG chart, and textContent for everything the server sends.
'use strict';

// Built from location.origin, never from location.href: a page opened as http://user:pw@host/…
// would otherwise resolve to a URL with credentials, which the browser refuses. The browser still
// sends the Basic credentials it holds for this origin.
const BASE = location.origin + location.pathname.replace(/[^/]*$/, '');
const STREAM_URL = BASE + 'api/status/stream';
const STATUS_URL = BASE + 'api/status';
const CHART_POINTS = 60;            // two minutes of two-second snapshots
const CHART_WIDTH = 600, CHART_BASELINE = 130, CHART_HEIGHT = 110;
const SERIES = ['settled', 'rejected', 'deadLettered'];

const count = new Intl.NumberFormat();
const samples = [];                 // {at: ms, settled, rejected, deadLettered}

function field(object, path) {
    return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);
}

function show(element, value) {
    element.textContent = value == null ? '–' : (typeof value === 'number' ? count.format(value) : value);
}

function cell(text, numeric) {
    const td = document.createElement('td');
    if (numeric) td.className = 'number';
    show(td, text);
    return td;
}

function renderStatus(status) {
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

    document.getElementById('freshness').textContent = 'live, as of ' + new Date(status.generatedAt).toLocaleTimeString();
    addSample(status);
}

function addSample(status) {
    samples.push({
        at: Date.parse(status.generatedAt),
        settled: status.records.settled,
        rejected: status.records.rejected,
        deadLettered: status.records.deadLettered ?? 0,
    });
    if (samples.length > CHART_POINTS + 1) samples.shift();
    drawChart();
}

// Rates between consecutive snapshots, drawn right-aligned so the newest point is at the right edge.
function drawChart() {
    const rates = [];
    for (let i = 1; i < samples.length; i++) {
        const seconds = Math.max((samples[i].at - samples[i - 1].at) / 1000, 0.001);
        const rate = {};
        SERIES.forEach(name => rate[name] = Math.max(samples[i][name] - samples[i - 1][name], 0) / seconds);
        rates.push(rate);
    }
    const max = Math.max(1, ...rates.flatMap(rate => SERIES.map(name => rate[name])));
    const step = CHART_WIDTH / (CHART_POINTS - 1);
    const offset = CHART_WIDTH - (rates.length - 1) * step;
    SERIES.forEach(name => {
        const points = rates.map((rate, i) =>
            (offset + i * step).toFixed(1) + ',' + (CHART_BASELINE - rate[name] / max * CHART_HEIGHT).toFixed(1));
        document.getElementById('line-' + name).setAttribute('points', points.join(' '));
        const latest = rates.length ? rates[rates.length - 1][name] : null;
        show(document.getElementById('rate-' + name), latest == null ? null : Math.round(latest));
    });
    document.getElementById('throughput-max').textContent = 'max ' + count.format(Math.round(max)) + '/s';
}

function age(seconds) {
    return seconds == null ? null : seconds + ' s';
}

function inDoubtRow(where, name, ageSeconds, status, records) {
    const tr = document.createElement('tr');
    tr.append(cell(where), cell(name), cell(age(ageSeconds), true), cell(status), cell(records));
    if (status && status.includes('HEURISTIC')) tr.className = 'violated';
    return tr;
}

function renderInDoubt(view) {
    const rows = [];
    view.logStore.forEach(t => rows.push(inDoubtRow('log store', t.id, t.ageSeconds,
        t.participants.map(p => (p.resource || p.product || '?') + ' ' + p.status).join(', '),
        t.records.join(', '))));
    view.postgres.forEach(b => rows.push(inDoubtRow('PostgreSQL (ledger A)', b.name, b.ageSeconds,
        b.transaction ? 'prepared, transaction ' + b.transaction : 'prepared', '')));
    view.mariaDb.forEach(b => rows.push(inDoubtRow('MariaDB (ledger B)', b.name, b.ageSeconds,
        b.transaction ? 'prepared, transaction ' + b.transaction : 'prepared', '')));
    view.artemis.forEach(x => rows.push(inDoubtRow('Artemis', x, null, 'prepared', '')));
    document.getElementById('in-doubt').replaceChildren(...rows);

    const summary = document.getElementById('in-doubt-summary');
    if (view.heuristics > 0) {
        summary.textContent = view.heuristics + ' heuristic outcome(s): an operator must repair the books (docs/recovery.md).';
        summary.className = 'verdict violated';
    } else if (rows.length === 0) {
        summary.textContent = 'Nothing in doubt, as of ' + new Date(view.readAt).toLocaleTimeString() + '.';
        summary.className = 'verdict holds';
    } else {
        summary.textContent = rows.length + ' in doubt: recovery resolves these within about 30 s.';
        summary.className = 'muted';
    }
}

function report(problem) {
    const element = document.getElementById('problem');
    element.hidden = problem == null;
    element.textContent = problem || '';
    document.body.classList.toggle('stale', problem != null);
}

// EventSource hides the HTTP status of a failed connection: ask the plain endpoint why.
async function explainLostStream() {
    try {
        const response = await fetch(STATUS_URL, {cache: 'no-store', headers: {Accept: 'application/json'}});
        if (response.status === 401 || response.status === 403) {
            return 'Not allowed to read the status (role monitor needed). Reload the page to log in again.';
        }
        if (!response.ok) {
            const body = await response.json().catch(() => ({}));
            return body.error ? body.error.charAt(0).toUpperCase() + body.error.slice(1) + '.' : 'Status unavailable: HTTP ' + response.status + '.';
        }
        return 'Live stream interrupted; reconnecting…';
    } catch (e) {
        return 'Server unreachable: ' + e.message;
    }
}

function listen() {
    const stream = new EventSource(STREAM_URL);
    stream.addEventListener('status', event => {
        renderStatus(JSON.parse(event.data));
        report(null);
    });
    stream.addEventListener('outage', event => {
        const outage = JSON.parse(event.data);
        report(outage.error.charAt(0).toUpperCase() + outage.error.slice(1) + '.');
    });
    stream.addEventListener('in-doubt', event => renderInDoubt(JSON.parse(event.data)));
    stream.onerror = async () => {
        report(await explainLostStream());
        // EventSource retries by itself unless the server refused it outright.
        if (stream.readyState === EventSource.CLOSED) setTimeout(listen, 5000);
    };
}

listen();
