// The audit log and the failed logins, refreshed every five seconds.
'use strict';

async function refresh() {
    await Promise.all([refreshActions(), refreshLogins()]);
}

async function refreshActions() {
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

async function refreshLogins() {
    const answer = await getJson('audit/logins');
    const policy = document.getElementById('lockout-policy');
    if (!answer.ok) {
        policy.textContent = 'Failed logins unavailable: HTTP ' + answer.status;
        return;
    }
    const {policy: rule, file, since, users} = answer.body;
    const source = file == null ? 'No security event log on this server.'
        : 'Read from ' + file + (since ? ' since ' + time(since) : '') + (users.length === 0 ? ': no failed login.' : '.');
    policy.textContent = rule.maxFailedAttempts + ' failed logins in a row lock a user out for ' + rule.lockoutMinutes
        + ' min after the last attempt; every attempt while locked out, even with the right password, starts that again. ' + source;
    document.getElementById('logins').replaceChildren(...users.map(user => {
        const tr = document.createElement('tr');
        const state = cell(user.locked ? 'locked out' : 'can log in');
        state.className = user.locked ? 'violated' : 'holds';
        tr.append(cell(user.user), state, cell(user.failuresInARow, true), cell(time(user.lastFailure)),
            cell(time(user.lockedUntil)), cell(time(user.lastSuccess)));
        return tr;
    }));
}

loadSession().catch(error => report(error.message));
refresh();
setInterval(refresh, 5000);
