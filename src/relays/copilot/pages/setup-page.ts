// The page as served, written as the HTML it is: its script uses no backtick, so String.raw holds it unchanged.

/** The setup page: sign in with GitHub, choose a username, make and revoke keys, see the quota, delete the account. */
export const setupTemplate = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Copilot bridge: setup</title>
<!-- shared -->
</head>
<body>
<main>
  <header>
    <h1>GitHub Copilot as an OpenAI API</h1>
    <nav><a href="/copilot">Setup</a><a href="/copilot/chat">Chat</a><a href="/docs">API reference</a></nav>
  </header>
  <p class="muted">Sign in with GitHub, choose a username, and make a key: any tool that takes an OpenAI base URL then uses your Copilot subscription. Your GitHub token stays on this server, encrypted; it never reaches this page.</p>

  <section id="sign-in">
    <h2>1. Sign in with GitHub</h2>
    <div id="signed-out">
      <button id="start-sign-in" class="primary" type="button">Sign in with GitHub</button>
      <div id="device" hidden>
        <p>Open <a id="verification-link" target="_blank" rel="noopener noreferrer"></a> and enter this code:</p>
        <div class="row" id="user-code-row"></div>
      </div>
      <p class="status" id="sign-in-status" role="status"></p>
      <details>
        <summary>Or paste a GitHub token you already have</summary>
        <label for="github-token">GitHub token (<code>ghu_…</code> or <code>gho_…</code>)</label>
        <input id="github-token" type="password" autocomplete="off" spellcheck="false">
        <p class="muted">It is checked with GitHub before anything is kept, then used when you choose a username below.</p>
      </details>
    </div>
    <p id="signed-in" hidden>Signed in as <strong id="github-login"></strong>.</p>
  </section>

  <section id="choose">
    <h2>2. Your username</h2>
    <p class="muted">Your bridge lives at <code id="base-preview"></code>. Lower-case letters and digits, in words joined by single hyphens.</p>
    <form id="username-form" class="row">
      <input id="username" required maxlength="39" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="username" spellcheck="false" placeholder="my-laptop">
      <button class="primary" type="submit">Open or create</button>
    </form>
    <p class="status" id="account-status" role="status"></p>
  </section>

  <div id="account" hidden>
    <section>
      <h2>3. Keys of <span id="account-name"></span></h2>
      <p>Base URL: <code id="base-url"></code></p>
      <table>
        <thead><tr><th>Name</th><th>Made</th><th>Last used</th><th></th></tr></thead>
        <tbody id="keys"></tbody>
      </table>
      <form id="key-form" class="row">
        <input id="key-name" required maxlength="64" placeholder="What is it for? (e.g. laptop, Claude Code)">
        <button class="primary" type="submit">Make a key</button>
      </form>
      <p class="status" id="key-status" role="status"></p>
      <div id="new-key" hidden>
        <p><strong>Your new key, shown this once:</strong></p>
        <div class="row" id="new-key-row"></div>
        <h3>OpenAI SDK (JavaScript)</h3>
        <pre id="snippet-js"></pre>
        <h3>OpenAI SDK (Python)</h3>
        <pre id="snippet-python"></pre>
        <h3>Claude Code (<code>~/.claude/settings.json</code>)</h3>
        <pre id="snippet-claude"></pre>
        <h3>curl</h3>
        <pre id="snippet-curl"></pre>
      </div>
    </section>

    <section>
      <h2>Copilot quota</h2>
      <div id="quota"><p class="muted">Loading…</p></div>
    </section>

    <section>
      <h2>Delete the account</h2>
      <p class="muted">Forgets the account, its GitHub token and its keys. The username is free again.</p>
      <button id="delete-account" class="danger" type="button">Delete <span id="delete-name"></span></button>
      <p class="status" id="delete-status" role="status"></p>
    </section>
  </div>
</main>
<script>
  'use strict'
  const origin = location.origin
  const state = { login: null, username: localStorage.getItem('relaykit.copilot.username') ?? '' }

  const usernameInput = $('#username')
  const showBase = () => ($('#base-preview').textContent = origin + '/' + (usernameInput.value || '<username>') + '/v1')
  usernameInput.value = state.username
  usernameInput.addEventListener('input', showBase)
  showBase()

  function signedIn(login) {
    state.login = login
    $('#github-login').textContent = login
    $('#signed-in').hidden = false
    $('#signed-out').hidden = true
    if (!usernameInput.value) usernameInput.value = login.toLowerCase().replace(/[^a-z0-9-]/g, '')
    showBase()
  }

  // GitHub's device flow: relaykit keeps GitHub's device code; this page polls with the sign-in's id,
  // at the interval relaykit names (longer after GitHub asks to slow down), until it ends.
  const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  async function signInWithGitHub() {
    const status = $('#sign-in-status')
    const button = $('#start-sign-in')
    button.disabled = true
    say(status, 'Asking GitHub for a code…')
    const started = await api('POST', '/github/get-device-code')
    if (!started.ok) {
      button.disabled = false
      return say(status, errorMessage(started.data, started.status), 'error')
    }
    const { flow_id: flowId, user_code: userCode, verification_uri: uri } = started.data
    let interval = started.data.interval
    const link = $('#verification-link')
    link.textContent = uri
    if (isHttpsUrl(uri)) link.href = uri
    $('#user-code-row').replaceChildren(h('span', { id: 'user-code', class: 'code' }, userCode), copyButton(userCode, 'Copy code'))
    $('#device').hidden = false
    say(status, 'Waiting for you to enter the code at GitHub…')
    for (;;) {
      await sleep(interval)
      const poll = await api('POST', '/github/poll-device-code', { flow_id: flowId })
      if (poll.status === 202) {
        interval = poll.data.interval
        if (poll.data.status === 'slow_down') say(status, 'GitHub asked to slow down: checking every ' + interval + ' seconds.')
        continue
      }
      if (poll.ok) {
        $('#device').hidden = true
        say(status, '')
        signedIn(poll.data.github_login)
        return
      }
      if (poll.status === 429 || poll.status >= 500) {
        interval = Math.max(interval, poll.data?.retry_after_seconds ?? interval)
        say(status, errorMessage(poll.data, poll.status) + ' Trying again…', 'error')
        continue
      }
      $('#device').hidden = true
      button.disabled = false
      button.textContent = 'Start again'
      return say(status, errorMessage(poll.data, poll.status), 'error')
    }
  }
  $('#start-sign-in').addEventListener('click', signInWithGitHub)

  const accountPath = (suffix) => '/copilot/accounts/' + encodeURIComponent(state.username) + (suffix ?? '')
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : 'never')

  function showKeys(keys) {
    $('#keys').replaceChildren(
      ...keys.map((key) =>
        h(
          'tr',
          {},
          h('td', {}, key.name),
          h('td', {}, when(key.created_at)),
          h('td', {}, when(key.last_used_at)),
          h('td', {}, h('button', { type: 'button', class: 'danger', 'data-key-id': key.id, onclick: () => revoke(key) }, 'Revoke')),
        ),
      ),
    )
    if (keys.length === 0) $('#keys').append(h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'No keys yet.')))
  }

  function showAccount(account) {
    state.username = account.username
    localStorage.setItem('relaykit.copilot.username', account.username)
    $('#account-name').textContent = account.username
    $('#delete-name').textContent = account.username
    $('#base-url').textContent = account.base_url
    showKeys(account.keys)
    $('#account').hidden = false
    loadQuota()
  }

  async function openAccount(event) {
    event.preventDefault()
    const status = $('#account-status')
    state.username = usernameInput.value
    const token = $('#github-token').value.trim()
    say(status, 'Opening the account…')
    const answer = await api('POST', '/copilot/accounts', { username: state.username, ...(token && !state.login ? { github_token: token } : {}) })
    if (!answer.ok) return say(status, errorMessage(answer.data, answer.status), 'error')
    if (token && !state.login) signedIn(answer.data.github_login)
    $('#github-token').value = ''
    say(status, answer.status === 201 ? 'Made the account ' + answer.data.username + '.' : 'Signed ' + answer.data.username + ' in again.', 'ok')
    showAccount(answer.data)
  }
  $('#username-form').addEventListener('submit', openAccount)

  function showNewKey(key, baseUrl) {
    const root = baseUrl.replace(/\/v1$/, '')
    $('#new-key-row').replaceChildren(h('code', { id: 'new-key-value' }, key), copyButton(key, 'Copy key'))
    $('#snippet-js').textContent = "import OpenAI from 'openai'\n\nconst client = new OpenAI({ baseURL: '" + baseUrl + "', apiKey: '" + key + "' })"
    $('#snippet-python').textContent = 'from openai import OpenAI\n\nclient = OpenAI(base_url="' + baseUrl + '", api_key="' + key + '")'
    $('#snippet-claude').textContent = JSON.stringify({ env: { ANTHROPIC_BASE_URL: root, ANTHROPIC_AUTH_TOKEN: key, ANTHROPIC_MODEL: 'claude-sonnet-4.5' } }, null, 2)
    $('#snippet-curl').textContent = ['curl ' + baseUrl + '/chat/completions', '  -H "Authorization: Bearer ' + key + '"', '  -H "Content-Type: application/json"', '  -d \'{"model": "gpt-4.1", "messages": [{"role": "user", "content": "Hello"}]}\''].join(' \\\n')
    $('#new-key').hidden = false
  }

  async function makeKey(event) {
    event.preventDefault()
    const status = $('#key-status')
    const answer = await api('POST', accountPath('/keys'), { name: $('#key-name').value })
    if (!answer.ok) return say(status, errorMessage(answer.data, answer.status), 'error')
    say(status, 'Made the key ' + answer.data.name + '. Copy it now: it is not shown again.', 'ok')
    $('#key-name').value = ''
    showNewKey(answer.data.key, $('#base-url').textContent)
    await refresh()
  }
  $('#key-form').addEventListener('submit', makeKey)

  async function refresh() {
    const answer = await api('GET', accountPath())
    if (answer.ok) showKeys(answer.data.keys)
    else say($('#key-status'), errorMessage(answer.data, answer.status), 'error')
  }

  async function revoke(key) {
    const answer = await api('DELETE', accountPath('/keys/' + encodeURIComponent(key.id)))
    say($('#key-status'), answer.ok ? 'Revoked ' + key.name + ': it is refused everywhere within 30 seconds.' : errorMessage(answer.data, answer.status), answer.ok ? 'ok' : 'error')
    await refresh()
  }

  function bar(label, bucket) {
    if (!bucket) return null
    if (bucket.unlimited) return h('div', {}, h('label', {}, label), h('p', { class: 'muted' }, 'Unlimited'))
    return h(
      'div',
      {},
      h('label', {}, label),
      h('progress', { max: bucket.entitlement || 1, value: bucket.used ?? 0 }),
      h('p', { class: 'muted' }, (bucket.used ?? 0) + ' used, ' + bucket.remaining + ' left of ' + bucket.entitlement),
    )
  }

  async function loadQuota() {
    const answer = await api('GET', accountPath('/usage'))
    if (!answer.ok) return $('#quota').replaceChildren(h('p', { class: 'status', 'data-kind': 'error' }, errorMessage(answer.data, answer.status)))
    const quota = answer.data
    $('#quota').replaceChildren(
      h('p', {}, 'Plan: ' + (quota.plan ?? 'unknown'), quota.reset_date ? ', resets ' + quota.reset_date : ''),
      ...[bar('Premium requests', quota.premium), bar('Chat', quota.chat), bar('Completions', quota.completions)].filter(Boolean),
    )
  }

  $('#delete-account').addEventListener('click', async () => {
    if (!confirm('Delete ' + state.username + ', its GitHub token and all its keys?')) return
    const answer = await api('DELETE', accountPath())
    if (!answer.ok) return say($('#delete-status'), errorMessage(answer.data, answer.status), 'error')
    $('#account').hidden = true
    localStorage.removeItem('relaykit.copilot.username')
    say($('#account-status'), 'Deleted ' + answer.data.username + '.', 'ok')
  })

  api('GET', '/copilot/session').then((session) => {
    if (session.ok) signedIn(session.data.github_login)
  })
</script>
</body>
</html>
`
