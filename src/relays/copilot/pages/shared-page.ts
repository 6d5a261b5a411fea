// The page as served, written as the HTML it is: its script uses no backtick and no `${`, so the template holds it unchanged.

/** The style and helpers both pages share, put into each where it says `<!-- shared -->`. */
export const sharedFragment = `<style>
  :root {
    color-scheme: light dark;
    --fg: #1f2328;
    --muted: #59636e;
    --bg: #ffffff;
    --panel: #f6f8fa;
    --line: #d1d9e0;
    --accent: #0969da;
    --danger: #cf222e;
    --ok: #1a7f37;
    font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  }
  @media (prefers-color-scheme: dark) {
    :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d; --accent: #4493f8; --danger: #f85149; --ok: #3fb950; }
  }
  body { margin: 0; color: var(--fg); background: var(--bg); }
  main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
  header { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
  header nav a { margin-right: 0.75rem; }
  h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
  h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
  a { color: var(--accent); }
  section { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 1rem 0; background: var(--panel); }
  label { display: block; margin: 0.5rem 0 0.25rem; font-weight: 600; }
  input, select, textarea, button { font: inherit; color: inherit; }
  input, select, textarea { box-sizing: border-box; width: 100%; padding: 0.45rem 0.6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
  button { padding: 0.45rem 0.9rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
  button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
  button.danger { color: var(--danger); }
  button:disabled { opacity: 0.5; cursor: default; }
  .row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin-top: 0.5rem; }
  .row > input, .row > select { flex: 1; min-width: 12rem; width: auto; }
  .muted { color: var(--muted); }
  .status { min-height: 1.5em; margin: 0.5rem 0; }
  .status[data-kind="error"] { color: var(--danger); }
  .status[data-kind="ok"] { color: var(--ok); }
  .code { font: 1.6rem/1.2 ui-monospace, SFMono-Regular, Menlo, monospace; letter-spacing: 0.1em; }
  pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; }
  pre { overflow-x: auto; padding: 0.75rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); white-space: pre; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); }
  progress { width: 100%; height: 0.9rem; }
  [hidden] { display: none !important; }
</style>
<script>
  'use strict'
  // What both pages share: building elements (text is always text, never markup), calling
  // relaykit, and reading its errors in either shape (relaykit's own, or OpenAI's).
  const $ = (selector) => document.querySelector(selector)

  function h(tag, props, ...children) {
    const element = document.createElement(tag)
    for (const [name, value] of Object.entries(props ?? {})) {
      if (value === undefined || value === null || value === false) continue
      if (name === 'class') element.className = value
      else if (name.startsWith('on')) element.addEventListener(name.slice(2), value)
      else element.setAttribute(name, value === true ? '' : String(value))
    }
    element.append(...children.flat().filter((child) => child !== undefined && child !== null && child !== false))
    return element
  }

  function errorMessage(data, status) {
    if (data && typeof data.message === 'string') return data.message
    if (data && data.error && typeof data.error.message === 'string') return data.error.message
    return 'relaykit answered ' + status + '.'
  }

  async function api(method, path, body, headers) {
    const response = await fetch(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(headers ?? {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    })
    const data = await response.json().catch(() => null)
    return { status: response.status, ok: response.ok, data }
  }

  function say(element, text, kind) {
    element.textContent = text
    element.dataset.kind = kind ?? ''
  }

  function copyButton(text, label) {
    const button = h('button', { type: 'button' }, label ?? 'Copy')
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(typeof text === 'function' ? text() : text)
        button.textContent = 'Copied'
      } catch {
        button.textContent = 'Select and copy it'
      }
      setTimeout(() => (button.textContent = label ?? 'Copy'), 2000)
    })
    return button
  }

  const isHttpsUrl = (value) => {
    try {
      return new URL(value).protocol === 'https:'
    } catch {
      return false
    }
  }
</script>
`
