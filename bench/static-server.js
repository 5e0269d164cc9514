// The physical limit: a bare Node http server sending one page from memory, with no framework,
// no database and no rendering. Plain JavaScript so it starts without a TypeScript loader.
import { readFileSync } from 'node:fs'
import http from 'node:http'

const body = readFileSync(process.argv[2])
const server = http.createServer((_request, response) => {
	response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length })
	response.end(body)
})
server.listen(0, '127.0.0.1', () => console.log(`Listening on ${server.address().port}`))
process.once('SIGTERM', () => {
	server.closeAllConnections()
	server.close(() => process.exit(0))
})
