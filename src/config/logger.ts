import { pino, type Logger } from 'pino';

/** Creates the application logger; the CLI logs to stderr so stdout stays machine-readable. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'basisfunctiemonitor' } }, pino.destination(2));
}
