// Traces one record id; records.html?id=X traces X at once (the parked page links here).
'use strict';

function messageRows(where, messages) {
    return messages.map(message => {
        const tr = document.createElement('tr');
        tr.append(cell(where), cell(message.messageId),
            cell(message.reason ? message.reason + (message.detail ? ': ' + message.detail : '') : null), cell(time(message.sentAt)));
        return tr;
    });
}

function renderTrace(trace) {
    const state = document.getElementById('trace-state');
    state.textContent = trace.recordId + ': ' + trace.state;
    state.className = 'verdict state-' + trace.state;

    document.getElementById('trace-outcomes').replaceChildren(...trace.outcomes.map(outcome => {
        const tr = document.createElement('tr');
        tr.append(cell(outcome.outcome), cell(outcome.reason ? outcome.reason + (outcome.detail ? ': ' + outcome.detail : '') : null),
            cell(outcome.deliveryAttempt, true), cell(time(outcome.recordedAt)), cell(outcome.transactionId));
        return tr;
    }));
    document.getElementById('trace-entries').replaceChildren(...trace.entries.map(entry => {
        const tr = document.createElement('tr');
        tr.append(cell(entry.ledger), cell(entry.account), cell(entry.amount, true), cell(entry.counterparty),
            cell(time(entry.appliedAt)), cell(entry.transactionId));
        return tr;
    }));
    const held = trace.inDoubt.map(transaction => {
        const tr = document.createElement('tr');
        tr.append(cell('prepared, in doubt'), cell('transaction ' + transaction), cell('recovery commits or rolls it back'), cell(null));
        return tr;
    });
    if (trace.inFlight) {
        const tr = document.createElement('tr');
        tr.append(cell('being delivered'), cell('xastream.transfers'), cell('its transaction has not ended yet'), cell(null));
        held.push(tr);
    }
    document.getElementById('trace-messages').replaceChildren(...held,
        ...messageRows('waiting on xastream.transfers', trace.waiting),
        ...messageRows('dead letters', trace.deadLettered),
        ...messageRows('rejected', trace.rejected));
}

async function trace(recordId) {
    history.replaceState(null, '', '?id=' + encodeURIComponent(recordId));
    // encodeURIComponent: the id is one path segment, whatever was typed.
    const answer = await getJson('records/' + encodeURIComponent(recordId));
    if (answer.status === 200 || answer.status === 404 && answer.body.state) {
        report(null);
        renderTrace(answer.body);
    } else {
        report(answer.body.error ? capitalized(answer.body.error) + '.' : 'Trace unavailable: HTTP ' + answer.status + '.');
    }
}

document.getElementById('trace-form').addEventListener('submit', event => {
    event.preventDefault();
    trace(document.getElementById('record-id').value.trim());
});

loadSession().catch(error => report(error.message));
const requested = new URLSearchParams(location.search).get('id');
if (requested) {
    document.getElementById('record-id').value = requested;
    trace(requested);
}
