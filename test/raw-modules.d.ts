// Vite's `?raw` imports, used by tests to read files inside the Workers runtime.
declare module '*?raw' {
  const text: string
  export default text
}
