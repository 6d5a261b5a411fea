import { requestId as honoRequestId } from 'hono/request-id'

/**
 * A fresh `req_…` id on every request and response. An id sent by the caller is not reused: it
 * would let a client write misleading lines into the logs.
 */
export const requestId = () =>
  honoRequestId({ headerName: '', generator: () => `req_${crypto.randomUUID().replaceAll('-', '')}` })
