// Wrangler bundles an imported `.html` file as its text (its default module rules); vitest too.
declare module '*.html' {
  const text: string
  export default text
}
