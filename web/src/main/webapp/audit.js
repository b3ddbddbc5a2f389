// The audit log, refreshed every five seconds.
'use strict';

async function refresh() {
    const answer = await getJson('audit');
    if (!answer.ok) {
        report('Audit log unavailable: HTTP ' + answer.status + (answer.body.error ? ', ' + answer.body.error : ''));
        return;
    }
    report(null);
    document.getElementById('audit').replaceChildren(...answer.body.map(entry => {
        const tr = document.createElement('tr');
        const outcome = cell(entry.outcome);
        outcome.className = entry.outcome === 'done' ? 'holds' : 'violated';
        tr.append(cell(time(entry.actedAt)), cell(entry.actor), cell(entry.action), cell(entry.target), outcome, cell(entry.detail));
        return tr;
    }));
}

loadSession().catch(error => report(error.message));
refresh();
setInterval(refresh, 5000);
