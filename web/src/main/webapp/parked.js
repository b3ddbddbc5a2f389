// The two parking queues, refreshed every five seconds and after every action.
'use strict';

const QUEUES = ['dead-letters', 'rejected'];
const REFRESH_MILLIS = 5000;

function actionButton(label, queue, message, verb) {
    const button = document.createElement('button');
    button.textContent = label;
    button.className = 'operator-only' + (verb === 'discard' ? ' danger' : '');
    button.dataset.action = verb;
    button.dataset.record = message.recordId || '';
    button.addEventListener('click', async () => {
        const what = 'record ' + (message.recordId || 'without id') + ' (' + message.messageId + ')';
        const question = verb === 'replay'
            ? 'Replay ' + what + ' from ' + queue + ' to xastream.transfers?'
            : 'Discard ' + what + ' from ' + queue + ' for good? Only the audit log will remember it.';
        reportAction(await act(queue + '/' + encodeURIComponent(message.messageId) + '/' + verb, question));
        refresh();
    });
    return button;
}

function row(queue, message) {
    const tr = document.createElement('tr');
    const record = document.createElement('td');
    if (message.recordId) {
        const link = document.createElement('a');
        link.href = 'records.html?id=' + encodeURIComponent(message.recordId);
        link.textContent = message.recordId;
        record.append(link);
    } else {
        show(record, null);
    }
    const body = document.createElement('td');
    const pre = document.createElement('pre');
    pre.textContent = (message.body ?? '') + (message.bodyTruncated ? ' …' : '');
    body.append(pre);
    const actions = document.createElement('td');
    actions.className = 'operator-only actions';
    actions.append(actionButton('Replay', queue, message, 'replay'), actionButton('Discard', queue, message, 'discard'));
    tr.append(record, cell(message.reason ? message.reason + (message.detail ? ': ' + message.detail : '') : null),
        cell(time(message.sentAt)), body, actions);
    return tr;
}

async function refresh() {
    // Not under an open question: the row it is about must stay where it is.
    if (document.getElementById('confirm').open) return;
    for (const queue of QUEUES) {
        const answer = await getJson(queue);
        if (!answer.ok) {
            report(queue + ' unavailable: HTTP ' + answer.status + (answer.body.error ? ', ' + answer.body.error : ''));
            continue;
        }
        report(null);
        document.getElementById(queue).replaceChildren(...answer.body.map(message => row(queue, message)));
        document.getElementById(queue + '-count').textContent =
            '(' + answer.body.length + (answer.body.length === 100 ? '+, oldest first' : '') + ')';
    }
}

loadSession().catch(error => report(error.message));
refresh();
setInterval(refresh, REFRESH_MILLIS);
