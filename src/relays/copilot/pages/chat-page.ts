// The page as served, written as the HTML it is: its script uses no backtick, so String.raw holds it unchanged.

/** The chat page: the key entered once and kept in the tab, models from the bridge, answers streamed as Markdown built node by node. */
export const chatTemplate = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Copilot bridge: chat</title>
<!-- shared -->
<style>
  #messages { display: flex; flex-direction: column; gap: 0.75rem; margin: 1rem 0; }
  .message { border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem 0.9rem; background: var(--panel); overflow-wrap: anywhere; }
  .message[data-role="user"] { background: var(--bg); }
  .message .who { font-size: 0.8rem; color: var(--muted); }
  .message img { max-width: 12rem; border-radius: 4px; }
  .message[data-state="error"] { border-color: var(--danger); color: var(--danger); }
  #composer textarea { min-height: 5rem; resize: vertical; }
</style>
</head>
<body>
<main>
  <header>
    <h1>Chat with Copilot</h1>
    <nav><a href="/copilot">Setup</a><a href="/copilot/chat">Chat</a></nav>
  </header>

  <section id="connect">
    <p class="muted">Your key stays in this tab (session storage) and goes only to this server, never into a URL.</p>
    <form id="key-form">
      <label for="username">Username</label>
      <input id="username" required maxlength="39" autocomplete="username" spellcheck="false">
      <label for="key">Key</label>
      <input id="key" type="password" required autocomplete="off" spellcheck="false" placeholder="acpc-…">
      <div class="row"><button class="primary" type="submit">Connect</button></div>
    </form>
  </section>
  <p class="status" id="status" role="status"></p>

  <div id="chat" hidden>
    <div class="row">
      <label for="model">Model</label>
      <select id="model"></select>
      <button id="forget" type="button">Forget key</button>
    </div>
    <div id="messages" aria-live="polite"></div>
    <form id="composer">
      <textarea id="prompt" placeholder="Ask something…" required></textarea>
      <div class="row">
        <label for="image">Attach images</label>
        <input id="image" type="file" accept="image/*" multiple>
      </div>
      <div class="row">
        <button id="send" class="primary" type="submit">Send</button>
        <button id="stop" type="button" disabled>Stop</button>
      </div>
    </form>
  </div>
</main>
<script>
  'use strict'
  // Markdown to DOM, element by element: every piece of the answer becomes a text node, so nothing
  // Copilot writes can become markup or script here.
  function inline(text) {
    const nodes = []
    const pattern = /(\x60[^\x60]+\x60)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/g
    let last = 0
    for (const match of text.matchAll(pattern)) {
      if (match.index > last) nodes.push(text.slice(last, match.index))
      const [token] = match
      if (match[1]) nodes.push(h('code', {}, token.slice(1, -1)))
      else if (match[2]) nodes.push(h('strong', {}, ...inline(token.slice(2, -2))))
      else if (match[3]) nodes.push(h('em', {}, ...inline(token.slice(1, -1))))
      else {
        const [, label, href] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token)
        nodes.push(/^https?:\/\//i.test(href) ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label) : token)
      }
      last = match.index + token.length
    }
    if (last < text.length) nodes.push(text.slice(last))
    return nodes
  }

  const FENCE = '\x60\x60\x60'

  function markdown(source) {
    const blocks = []
    const lines = source.split('\n')
    for (let index = 0; index < lines.length; ) {
      const line = lines[index]
      if (line.startsWith(FENCE)) {
        const code = []
        for (index += 1; index < lines.length && !lines[index].startsWith(FENCE); index += 1) code.push(lines[index])
        index += 1
        blocks.push(h('pre', {}, h('code', {}, code.join('\n'))))
        continue
      }
      const heading = /^(#{1,6})\s+(.*)$/.exec(line)
      if (heading) {
        blocks.push(h('h' + Math.min(6, heading[1].length + 2), {}, ...inline(heading[2])))
        index += 1
        continue
      }
      const listItem = /^\s*(?:[-*+]|\d+[.)])\s+/
      if (listItem.test(line)) {
        const ordered = /^\s*\d/.test(line)
        const items = []
        for (; index < lines.length && listItem.test(lines[index]); index += 1) items.push(h('li', {}, ...inline(lines[index].replace(listItem, ''))))
        blocks.push(h(ordered ? 'ol' : 'ul', {}, items))
        continue
      }
      if (line.startsWith('>')) {
        const quoted = []
        for (; index < lines.length && lines[index].startsWith('>'); index += 1) quoted.push(lines[index].replace(/^>\s?/, ''))
        blocks.push(h('blockquote', {}, ...inline(quoted.join(' '))))
        continue
      }
      if (line.trim() === '') {
        index += 1
        continue
      }
      const paragraph = []
      for (; index < lines.length && lines[index].trim() !== '' && !/^(\x60\x60\x60|#{1,6}\s|>)/.test(lines[index]) && !listItem.test(lines[index]); index += 1) paragraph.push(lines[index])
      blocks.push(h('p', {}, ...inline(paragraph.join('\n'))))
    }
    return blocks
  }

  const storage = { username: 'relaykit.copilot.chat.username', key: 'relaykit.copilot.chat.key' }
  const history = []
  let running = null

  const status = $('#status')
  const bridge = (path) => '/' + encodeURIComponent(sessionStorage.getItem(storage.username) ?? '') + '/v1' + path
  const keyHeader = () => ({ Authorization: 'Bearer ' + (sessionStorage.getItem(storage.key) ?? '') })

  function disconnect(message) {
    sessionStorage.removeItem(storage.key)
    $('#chat').hidden = true
    $('#connect').hidden = false
    say(status, message ?? '', message ? 'error' : '')
  }

  async function connect() {
    say(status, 'Loading your models…')
    const answer = await api('GET', bridge('/models'), undefined, keyHeader())
    if (!answer.ok) return disconnect(errorMessage(answer.data, answer.status))
    const models = answer.data.data.filter((model) => !model.supported_endpoints || model.supported_endpoints.includes('/chat/completions'))
    $('#model').replaceChildren(...models.map((model) => h('option', { value: model.id }, (model.display_name ?? model.id) + (model.free ? ' (free)' : ''))))
    $('#connect').hidden = true
    $('#chat').hidden = false
    say(status, '')
  }

  $('#key-form').addEventListener('submit', (event) => {
    event.preventDefault()
    sessionStorage.setItem(storage.username, $('#username').value.trim())
    sessionStorage.setItem(storage.key, $('#key').value.trim())
    $('#key').value = ''
    connect()
  })
  $('#forget').addEventListener('click', () => disconnect())

  function bubble(role, ...children) {
    const element = h('div', { class: 'message', 'data-role': role }, h('div', { class: 'who' }, role === 'user' ? 'You' : 'Copilot'), h('div', { class: 'body' }, ...children))
    $('#messages').append(element)
    return element
  }

  const asDataUrl = (file) =>
    new Promise((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => resolve(reader.result)
      reader.onerror = () => reject(reader.error)
      reader.readAsDataURL(file)
    })

  // Reads OpenAI's event stream: the first choice's text, event by event, until [DONE].
  async function* deltas(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader()
    let buffered = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffered += value
      let end
      while ((end = buffered.indexOf('\n\n')) !== -1) {
        const event = buffered.slice(0, end)
        buffered = buffered.slice(end + 2)
        const data = event.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n')
        if (!data || data === '[DONE]') continue
        const chunk = JSON.parse(data)
        if (chunk.error) throw new Error(chunk.error.message ?? 'Copilot failed.')
        const text = (chunk.choices ?? []).filter((choice) => (choice.index ?? 0) === 0).map((choice) => choice.delta?.content ?? '').join('')
        if (text) yield text
      }
    }
  }

  async function send(event) {
    event.preventDefault()
    const text = $('#prompt').value
    const images = await Promise.all([...$('#image').files].map(asDataUrl))
    const content = images.length === 0 ? text : [{ type: 'text', text }, ...images.map((url) => ({ type: 'image_url', image_url: { url } }))]
    bubble('user', ...markdown(text), ...images.map((url) => h('img', { src: url, alt: 'attached image' })))
    history.push({ role: 'user', content })
    $('#prompt').value = ''
    $('#image').value = ''
    const reply = bubble('assistant')
    const body = reply.querySelector('.body')
    running = new AbortController()
    $('#send').disabled = true
    $('#stop').disabled = false
    let answer = ''
    try {
      const response = await fetch(bridge('/chat/completions'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...keyHeader() },
        body: JSON.stringify({ model: $('#model').value, messages: history, stream: true }),
        signal: running.signal,
      })
      if (!response.ok) {
        const data = await response.json().catch(() => null)
        reply.dataset.state = 'error'
        body.replaceChildren(errorMessage(data, response.status))
        history.pop()
        if (response.status === 401) disconnect(errorMessage(data, response.status))
        return
      }
      for await (const piece of deltas(response.body)) {
        answer += piece
        body.replaceChildren(...markdown(answer))
      }
      reply.dataset.state = 'done'
      history.push({ role: 'assistant', content: answer })
    } catch (error) {
      if (running.signal.aborted) {
        reply.dataset.state = 'stopped'
        body.append(h('p', { class: 'muted' }, 'Stopped.'))
        if (answer) history.push({ role: 'assistant', content: answer })
      } else {
        reply.dataset.state = 'error'
        body.append(h('p', {}, error.message))
      }
    } finally {
      running = null
      $('#send').disabled = false
      $('#stop').disabled = true
    }
  }
  $('#composer').addEventListener('submit', send)
  $('#stop').addEventListener('click', () => running?.abort())

  $('#username').value = sessionStorage.getItem(storage.username) ?? localStorage.getItem('relaykit.copilot.username') ?? ''
  if (sessionStorage.getItem(storage.key)) connect()
</script>
</body>
</html>
`
