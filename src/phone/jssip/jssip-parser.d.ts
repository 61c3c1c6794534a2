/** JsSIP 3.13.8 ships no typings for its Parser (lib/Parser.js); only the function we call. */
declare module 'jssip/lib/Parser' {
  /** The IncomingRequest/IncomingResponse, or undefined when any well-known header fails to parse. */
  export function parseMessage(data: string, ua: unknown): unknown;
}
