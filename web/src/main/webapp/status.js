// Listens to the status stream (server-sent events) and fills the page. No framework and no build
// step: tables of numbers, one uPlot chart, and textContent for everything the server sends.
'use strict';

const STREAM_URL = API + 'status/stream';
const STATUS_URL = API + 'status';
const CHART_POINTS = 60;            // two minutes of two-second snapshots
const CHART_SECONDS = 120;
const CHART_HEIGHT = 200;           // canvas and axes; the legend comes below it
const SERIES = ['settled', 'rejected', 'deadLettered'];
const perSecond = new Intl.NumberFormat(undefined, {maximumFractionDigits: 1});

const samples = [];                 // {at: ms, settled, rejected, deadLettered}
let previousQueues = null;          // the last snapshot's queues, for rates

function field(object, path) {
    return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);
}

// How: 'live' from the stream, 'read directly' when the page polled because the stream went quiet.
function renderStatus(status, how = 'live') {
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
    const violations = status.invariant.violations || [];
    document.getElementById('invariant-violations').textContent = violations.length ? violations.join('; ') : 'none';
    document.getElementById('invariant-checked').textContent = status.invariant.checkedAt
        ? new Date(status.invariant.checkedAt).toLocaleTimeString() : '–';

    const nanos = field(status, 'transactions.averageCommitTimeNanos');
    show(document.getElementById('average-commit'), nanos == null ? null : (nanos / 1e6).toFixed(2) + ' ms');

    document.getElementById('freshness').textContent = how + ', as of ' + new Date(status.generatedAt).toLocaleTimeString();
    renderStages(status);
    renderStorage(status.storage);
    renderRecovery(status.recovery);
    addSample(status);
}

// After a restart: how much earlier runs left in doubt, per resource, and when the last of it was resolved.
function renderRecovery(recovery) {
    const banner = document.getElementById('recovering');
    const state = document.getElementById('recovery-state');
    if (!recovery) {
        banner.hidden = true;
        state.textContent = 'not reported';
        return;
    }
    const resources = recovery.resources || [];
    const left = resources.reduce((sum, resource) => sum + resource.remaining, 0);
    const recovering = recovery.state === 'recovering';
    banner.hidden = !(recovering && left > 0);
    banner.textContent = banner.hidden ? '' : 'RECOVERING: ' + left + ' transactions and branches left in doubt by an earlier run, '
        + recovery.secondsSinceStart + ' s since this server started';
    state.textContent = recovery.state === 'finished' ? 'finished' : recovery.state;
    state.className = 'verdict ' + (recovery.state === 'finished' ? 'holds' : 'violated');
    // The watch starts with the application, late in the boot: a recovery pass that ended before it
    // is not seen here, so "nothing" says when the first look was taken.
    const seen = resources.reduce((sum, resource) => sum + resource.fromEarlierRuns, 0);
    document.getElementById('recovery-timing').textContent = recovery.state !== 'finished'
        ? recovery.secondsSinceStart + ' s since this server started'
        : seen > 0
            ? recovery.finishedAfterSeconds.toFixed(1) + ' s after the server answered, started ' + new Date(recovery.startedAt).toLocaleTimeString()
            : 'nothing from an earlier run was still in doubt when the application started, during the boot of '
              + new Date(recovery.startedAt).toLocaleTimeString();
    document.getElementById('recovery').replaceChildren(...resources.map(resource => {
        const tr = document.createElement('tr');
        tr.append(cell(resource.name + (resource.readable ? '' : ' (unreadable)')), cell(resource.fromEarlierRuns, true),
            cell(resource.resolved, true), cell(resource.remaining, true));
        if (resource.remaining > 0) tr.className = 'violated';
        return tr;
    }));
}

// A disk past its limit holds the stream: said in a banner at the top, and in the storage section.
function renderStorage(storage) {
    const banner = document.getElementById('storage-full');
    const state = document.getElementById('storage-state');
    if (!storage) {
        banner.hidden = true;
        state.textContent = 'not reported';
        return;
    }
    banner.hidden = !storage.held;
    banner.textContent = storage.held ? 'STORAGE FULL: new records are held since '
        + new Date(storage.heldSince).toLocaleTimeString() + ' (' + storage.reason
        + '). Queued records wait; the stream resumes by itself once there is room.' : '';
    state.textContent = storage.held ? 'full: stream held' : 'room to work';
    state.className = 'verdict ' + (storage.held ? 'violated' : 'holds');
    document.getElementById('storage-limit').textContent = 'new records are held at ' + storage.limitPercent + ' % used';
    document.getElementById('storage-filesystems').replaceChildren(...(storage.filesystems || []).map(line => {
        const li = document.createElement('li');
        li.textContent = line;
        return li;
    }));
}

// One row per queue; rates are what the broker added (and what the stage handled, chained or not)
// between this snapshot and the last one.
function renderStages(status) {
    const at = Date.parse(status.generatedAt);
    const rows = (status.queues || []).map(queue => {
        const before = previousQueues && previousQueues.queues.find(q => q.name === queue.name);
        const seconds = previousQueues ? Math.max((at - previousQueues.at) / 1000, 0.001) : null;
        const perSecond = field => before && seconds && queue[field] != null && before[field] != null
            ? Math.round(Math.max(queue[field] - before[field], 0) / seconds) : null;
        const tr = document.createElement('tr');
        tr.append(cell(queue.name), cell(queue.stage), cell(queue.depth, true), cell(queue.delivering, true),
            cell(queue.consumers, true), cell(perSecond('added'), true), cell(queue.added, true),
            cell(perSecond('handled'), true), cell(queue.handled, true));
        return tr;
    });
    document.getElementById('stages').replaceChildren(...rows);
    previousQueues = {at, queues: status.queues || []};
}

function addSample(status) {
    const at = Date.parse(status.generatedAt);
    // uPlot needs times in ascending order: a reading no newer than the last one adds nothing.
    if (samples.length && at <= samples[samples.length - 1].at) return;
    samples.push({
        at,
        settled: status.records.settled,
        rejected: status.records.rejected,
        deadLettered: status.records.deadLettered ?? 0,
    });
    if (samples.length > CHART_POINTS + 1) samples.shift();
    drawChart();
}

// uPlot, from its WebJar in this WAR: axes with round ticks and clock times, a cursor, and a legend
// that shows the newest rates, or those under the cursor while it is on the chart. It sets its
// elements' styles through the CSSOM, which the policy's style-src 'self' allows.
function throughputChart() {
    const box = document.getElementById('throughput');
    if (typeof uPlot !== 'function') {
        box.textContent = 'The chart library did not load.';
        return null;
    }
    const css = getComputedStyle(document.documentElement);
    const colour = name => css.getPropertyValue(name).trim();
    const clock = seconds => new Date(seconds * 1000).toLocaleTimeString();
    const newest = (u, s) => u.data[s].length ? u.data[s][u.data[s].length - 1] : null;
    // Off the chart uPlot asks for the value at no index: the legend then shows the newest one.
    const shown = format => (u, value, s, idx) => {
        const v = idx == null ? newest(u, s) : value;
        return v == null ? '–' : format(v);
    };
    const rate = (label, stroke) => ({label, stroke, width: 2, points: {show: false}, value: shown(v => perSecond.format(v) + '/s')});
    const axis = {stroke: colour('--muted'), font: '11px system-ui, sans-serif', labelFont: '11px system-ui, sans-serif',
        grid: {stroke: colour('--rule'), width: 1}, ticks: {stroke: colour('--rule'), width: 1}};
    const chart = new uPlot({
        width: box.clientWidth,
        height: CHART_HEIGHT,
        // The window always spans two minutes up to the newest reading, also while it fills.
        scales: {
            x: {time: true, range: (u, min, max) => [(max ?? Date.now() / 1000) - CHART_SECONDS, max ?? Date.now() / 1000]},
            y: {range: (u, min, max) => uPlot.rangeNum(0, Math.max(max ?? 0, 1), 0.1, true)},
        },
        series: [
            {label: 'time', value: shown(clock)},
            rate('settled', colour('--holds')),
            rate('rejected', colour('--warning')),
            rate('dead-lettered', colour('--violated')),
        ],
        axes: [
            {...axis, space: 90, values: (u, ticks) => ticks.map(clock)},
            {...axis, label: 'records/s', size: 60},
        ],
        // A time line only, and no drag-to-zoom: the window moves every two seconds.
        cursor: {y: false, drag: {x: false, y: false}},
        // Filled squares in the series' colours, as the legend always had.
        legend: {markers: {fill: (u, s) => u.series[s].stroke(u, s)}},
    }, [[], [], [], []], box);
    new ResizeObserver(() => chart.setSize({width: box.clientWidth, height: CHART_HEIGHT})).observe(box);
    return chart;
}

const chart = throughputChart();

// Rates between consecutive snapshots, each at the time of the later one.
function drawChart() {
    if (!chart) return;
    const data = [[], ...SERIES.map(() => [])];
    for (let i = 1; i < samples.length; i++) {
        const seconds = Math.max((samples[i].at - samples[i - 1].at) / 1000, 0.001);
        data[0].push(samples[i].at / 1000);
        SERIES.forEach((name, s) => data[s + 1].push(Math.max(samples[i][name] - samples[i - 1][name], 0) / seconds));
    }
    chart.setData(data);
}

function age(seconds) {
    return seconds == null ? null : seconds + ' s';
}

function inDoubtRow(where, name, ageSeconds, status, records, actions) {
    const tr = document.createElement('tr');
    tr.append(cell(where), cell(name), cell(age(ageSeconds), true), cell(status), cell(records));
    const buttons = document.createElement('td');
    buttons.className = 'operator-only actions';
    buttons.append(...actions);
    tr.append(buttons);
    if (status && status.includes('HEURISTIC')) tr.className = 'violated';
    return tr;
}

function actionButton(label, path, question, danger) {
    const button = document.createElement('button');
    button.textContent = label;
    if (danger) button.className = 'danger';
    button.addEventListener('click', async () => {
        reportAction(await act(path, question));
        renderInDoubt((await getJson('in-doubt')).body);
    });
    return button;
}

// What an operator may do by hand is only what recovery cannot: forget a heuristic outcome once
// the books are repaired; commit or roll back a branch whose transaction the log does not hold.
function renderInDoubt(view) {
    const rows = [];
    const logged = new Set(view.logStore.map(t => t.id));
    view.logStore.forEach(t => {
        const heuristic = t.participants.some(p => (p.status || '').startsWith('HEURISTIC'));
        rows.push(inDoubtRow('log store', t.id, t.ageSeconds,
            t.participants.map(p => (p.resource || p.product || '?') + ' ' + p.status).join(', '),
            t.records.join(', '),
            heuristic ? [actionButton('Forget', 'in-doubt/transactions/' + encodeURIComponent(t.id) + '/forget',
                'Forget heuristic transaction ' + t.id + '? Do this only once the books are repaired: '
                + 'the log store will no longer hold it.', true)] : []));
    });
    const branch = (where, resource) => b => {
        const orphan = !b.transaction || !logged.has(b.transaction);
        const path = decision => 'in-doubt/branches/' + resource + '/' + decision + '?name=' + encodeURIComponent(b.name);
        // Artemis' description repeats the xid three ways: the date and one base64 form are enough to read.
        // On a cluster the ledgers and the broker are shared: a branch names the node that made it,
        // and only that node's log store can decide it (docs/scale-out.md, a node that never comes back).
        const node = b.node ? ', node ' + b.node : '';
        const made = b.node ? ' It was made by node ' + b.node + ': act only if that node and its log store are gone for good.' : '';
        rows.push(inDoubtRow(where, b.name.replace(/ XidImpl .*$/s, ''), b.ageSeconds,
            (b.transaction ? 'prepared, transaction ' + b.transaction : 'prepared') + node, '',
            orphan ? [actionButton('Roll back', path('rollback'), 'Roll back the orphaned branch ' + b.name + ' in ' + where
                + '? Its transaction is not in this server\'s log store (presumed abort).' + made, true),
                actionButton('Commit', path('commit'), 'Commit the orphaned branch ' + b.name + ' in ' + where
                    + '? Only if you know its transaction decided to commit.' + made, true)] : []));
    };
    view.postgres.forEach(branch('PostgreSQL (ledger A)', 'postgres'));
    view.mariaDb.forEach(branch('MariaDB (ledger B)', 'mariadb'));
    view.artemis.forEach(branch('Artemis', 'artemis'));
    document.getElementById('in-doubt').replaceChildren(...rows);

    const summary = document.getElementById('in-doubt-summary');
    if (view.heuristics > 0) {
        summary.textContent = view.heuristics + ' heuristic outcome(s): an operator must repair the books (docs/recovery.md).';
        summary.className = 'verdict violated';
    } else if (rows.length === 0) {
        summary.textContent = 'Nothing in doubt, as of ' + new Date(view.readAt).toLocaleTimeString() + '.';
        summary.className = 'verdict holds';
    } else {
        summary.textContent = rows.length + ' in doubt: recovery resolves these within about 30 s, or now with a recovery pass.';
        summary.className = 'muted';
    }
}

function reportStale(problem) {
    report(problem);
    document.body.classList.toggle('stale', problem != null);
}

// Why the status endpoint refused: the server's own words when it gave them.
function unavailable(status, body) {
    return body.error ? capitalized(body.error) + '.' : 'Status unavailable: HTTP ' + status + '.';
}

// EventSource hides the HTTP status of a failed connection: ask the plain endpoint why.
async function explainLostStream() {
    try {
        const response = await fetch(STATUS_URL, {cache: 'no-store', headers: {Accept: 'application/json'}});
        if (response.status === 401 || response.status === 403) {
            return 'Not allowed to read the status (role monitor needed). Reload the page to log in again.';
        }
        if (!response.ok) {
            return unavailable(response.status, await response.json().catch(() => ({})));
        }
        return 'Live stream interrupted; reconnecting…';
    } catch (e) {
        return 'Server unreachable: ' + e.message;
    }
}

let lastEventAt = Date.now();        // the stream's last status or outage event

function listen() {
    const stream = new EventSource(STREAM_URL);
    stream.addEventListener('status', event => {
        lastEventAt = Date.now();
        renderStatus(JSON.parse(event.data));
        reportStale(null);
    });
    stream.addEventListener('outage', event => {
        lastEventAt = Date.now();
        const outage = JSON.parse(event.data);
        reportStale(capitalized(outage.error) + '.');
    });
    stream.addEventListener('in-doubt', event => renderInDoubt(JSON.parse(event.data)));
    stream.onerror = async () => {
        reportStale(await explainLostStream());
        // EventSource retries by itself unless the server refused it outright.
        if (stream.readyState === EventSource.CLOSED) setTimeout(listen, 5000);
    };
}

// A stream that stays open but goes quiet (the server's broadcast stalled, a proxy holding the
// connection) must not leave an old picture on screen as if it were live: after SILENT_MS without
// an event the page reads the plain endpoint itself, every few seconds, until the stream speaks again.
const SILENT_MS = 10000;
let polling = false;

async function pollWhileSilent() {
    if (polling || Date.now() - lastEventAt < SILENT_MS) return;
    polling = true;
    try {
        const answer = await getJson('status');
        if (Date.now() - lastEventAt < SILENT_MS) return;   // the stream spoke meanwhile
        if (answer.ok) {
            renderStatus(answer.body, 'read directly');
            report('Live stream silent for ' + Math.round((Date.now() - lastEventAt) / 1000)
                + ' s: showing the status read directly, as of ' + new Date(answer.body.generatedAt).toLocaleTimeString() + '.');
        } else {
            reportStale(unavailable(answer.status, answer.body));
        }
    } catch (e) {
        reportStale('Server unreachable: ' + e.message);
    } finally {
        polling = false;
    }
}

// The pass blocks until it is over; the next in-doubt reading shows its effect.
async function runRecoveryScan() {
    const button = document.getElementById('recovery-scan');
    button.disabled = true;
    try {
        reportAction(await act('recovery/scan', 'Run one transaction recovery pass now? '
            + 'Prepared branches of committed transactions are committed, orphans rolled back.'));
        renderInDoubt((await getJson('in-doubt')).body);
    } finally {
        button.disabled = false;
    }
}

// Read once: the engines' durability settings change only with a restart.
async function loadDurability() {
    const answer = await getJson('durability');
    if (!answer.ok) return;
    const rows = (answer.body.engines || []).map(engine => {
        const settings = Object.entries(engine.settings || {}).map(([name, value]) => name + '=' + value).join(', ');
        const tr = document.createElement('tr');
        tr.append(cell(engine.name + (engine.version ? ' ' + engine.version : '')), cell(settings || 'unreadable'),
            cell(engine.durable ? 'yes' : 'NON-DURABLE'));
        if (!engine.durable) tr.className = 'violated';
        return tr;
    });
    document.getElementById('durability').replaceChildren(...rows);
    const banner = document.getElementById('non-durable');
    banner.hidden = answer.body.durable;
    banner.textContent = answer.body.durable ? '' : 'NON-DURABLE: '
        + (answer.body.engines || []).filter(engine => !engine.durable).map(engine => engine.name).join(', ')
        + ' may lose commits in a machine crash (see Durability below).';
}

// Every node on these ledgers (GET /api/cluster): the same table from any node's dashboard.
async function loadCluster() {
    const answer = await getJson('cluster');
    if (!answer.ok) return;
    document.getElementById('cluster').replaceChildren(...answer.body.nodes.map(node => {
        const tr = document.createElement('tr');
        const name = document.createElement('td');
        if (node.dashboard && !node.self) {
            const link = document.createElement('a');
            link.href = node.dashboard;
            link.textContent = node.node;
            name.append(link);
        } else {
            name.textContent = node.node + (node.self ? ' (this one)' : '');
        }
        tr.classList.toggle('warning', node.state === 'silent');
        tr.append(name, cell(node.state), cell(node.stages), cell(node.recordsPerSecond.toFixed(1), true),
            cell(node.recordsHandled, true), cell(node.inFlight, true), cell(node.inDoubt, true),
            cell(node.secondsSinceReport + ' s ago', true));
        return tr;
    }));
}

document.getElementById('recovery-scan').addEventListener('click', runRecoveryScan);
loadDurability().catch(error => report(error.message));
loadSession().catch(error => report(error.message));
listen();
setInterval(pollWhileSilent, 2000);
loadCluster().catch(error => report(error.message));
setInterval(() => loadCluster().catch(() => {}), 5000);
