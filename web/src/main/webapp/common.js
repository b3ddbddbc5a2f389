// Shared by every page: where the API is, who is signed in, the confirmation dialog and the one way
// to act (POST with the CSRF token). Everything the server sends is written with textContent.
'use strict';

// Built from location.origin, never from location.href: a page opened as http://user:pw@host/…
// would otherwise resolve to a URL with credentials, which fetch() refuses. The browser still
// sends the Basic credentials it holds for this origin.
const BASE = location.origin + location.pathname.replace(/[^/]*$/, '');
const API = BASE + 'api/';

const count = new Intl.NumberFormat();
let session = null;

const PAGES = [['index.html', 'Overview'], ['records.html', 'Record trace'],
    ['parked.html', 'Dead letters & rejected'], ['audit.html', 'Audit log']];

// The parts every page shares, built once here (the scripts are deferred: the page is parsed).
function frame() {
    const header = document.querySelector('header');
    const title = document.createElement('h1');
    title.textContent = 'xastream';
    const nav = document.createElement('nav');
    const current = location.pathname.replace(/^.*\//, '') || 'index.html';
    for (const [href, name] of PAGES) {
        const link = document.createElement('a');
        link.href = href;
        link.textContent = name;
        if (href === current) link.setAttribute('aria-current', 'page');
        nav.append(link);
    }
    const who = document.createElement('p');
    who.id = 'who';
    who.className = 'muted';
    header.replaceChildren(title, nav, who);

    const dialog = document.createElement('dialog');
    dialog.id = 'confirm';
    const form = document.createElement('form');
    form.method = 'dialog';
    const question = document.createElement('p');
    question.id = 'confirm-question';
    const cancel = document.createElement('button');
    cancel.value = 'cancel';
    cancel.id = 'confirm-cancel';
    cancel.textContent = 'Cancel';
    const ok = document.createElement('button');
    ok.value = 'confirm';
    ok.id = 'confirm-ok';
    ok.className = 'danger';
    ok.textContent = 'Confirm';
    form.append(question, cancel, ok);
    dialog.append(form);
    document.body.append(dialog);
}

frame();

function show(element, value) {
    element.textContent = value == null ? '–' : (typeof value === 'number' ? count.format(value) : value);
}

function cell(text, numeric) {
    const td = document.createElement('td');
    if (numeric) td.className = 'number';
    show(td, text);
    return td;
}

function time(iso) {
    return iso == null ? null : new Date(iso).toLocaleString();
}

function capitalized(sentence) {
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

async function getJson(path) {
    const response = await fetch(API + path, {cache: 'no-store', headers: {Accept: 'application/json'}});
    const body = await response.json().catch(() => ({}));
    return {status: response.status, ok: response.ok, body};
}

// Who is signed in decides which buttons exist: a monitor never sees an action it may not take.
async function loadSession() {
    const answer = await getJson('session');
    if (!answer.ok) throw new Error('session unavailable: HTTP ' + answer.status);
    session = answer.body;
    document.getElementById('who').textContent =
        'signed in as ' + session.user + (session.operator ? ' (may act)' : ' (read only)');
    document.body.classList.toggle('operator', session.operator);
    return session;
}

// A modal question; resolves to true only on an explicit confirmation.
function confirmAction(question) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-question').textContent = question;
    return new Promise(resolve => {
        dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), {once: true});
        dialog.showModal();
    });
}

// Every action: confirm, take a fresh token (tokens expire, and a logout voids them), then POST
// with it. The server audits it whatever the outcome.
async function act(path, question) {
    if (!await confirmAction(question)) return null;
    await loadSession();
    const response = await fetch(API + path, {
        method: 'POST',
        cache: 'no-store',
        headers: {Accept: 'application/json', 'X-CSRF-Token': session.csrfToken},
    });
    const body = await response.json().catch(() => ({}));
    return {status: response.status, ok: response.ok, body};
}

function report(problem) {
    const element = document.getElementById('problem');
    element.hidden = problem == null;
    element.textContent = problem || '';
}

function reportAction(result) {
    const element = document.getElementById('action-result');
    if (result == null) return;
    const body = result.body || {};
    element.hidden = false;
    element.textContent = body.outcome
        ? capitalized(body.action) + ' ' + body.target + ': ' + body.outcome + (body.detail ? ' (' + body.detail + ')' : '') + '.'
        : 'HTTP ' + result.status + (body.error ? ': ' + body.error : '') + '.';
    element.className = result.ok ? 'verdict holds' : 'verdict violated';
}
