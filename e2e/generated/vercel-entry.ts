/**
 * Serves a generated auth server's Vercel function (`api/index.ts`) the way
 * Vercel's Node runtime calls it: the default export as a (req, res) listener
 * receiving every path (vercel.json rewrites all of them to the function).
 *
 *   node --import tsx vercel-entry.ts <api/index.ts> <port>
 */
import { createServer, type RequestListener } from "node:http";
import { pathToFileURL } from "node:url";

const [entry, port] = process.argv.slice(2);
const { default: handler } = (await import(pathToFileURL(entry).href)) as { default: RequestListener };
createServer(handler).listen(Number(port), "127.0.0.1", () => console.log(`vercel entry listening on ${port}`));
