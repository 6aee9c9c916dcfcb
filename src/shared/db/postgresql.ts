import { MongoClient } from 'mongodb';
import { ConfigError } from '../config.js';

/** The URL with its password hidden, fit for a log line. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

// FerretDB wraps PostgreSQL's answer in its own call trace; the person starting the app needs only the cause.
function reason(message: string, url: URL): string {
  const database = decodeURIComponent(url.pathname.slice(1));
  const where = `${url.hostname}:${url.port || '5432'}`;
  if (message.includes('SQLSTATE 3D000')) {
    return `PostgreSQL at ${where} has no database "${database}"; create it (createdb -h ${url.hostname} -p ${url.port || '5432'} ${database}) or name one that exists`;
  }
  if (/dial error|connection refused|no such host|i\/o timeout/.test(message)) return `PostgreSQL does not answer at ${where}`;
  const fatal = /FATAL: ([^\n]*)/.exec(message)?.[1];
  return `PostgreSQL refused the connection: ${fatal ?? message.replace(/\[[^\]]*\] /g, '').replace(/\s+/g, ' ')}`;
}

/**
 * Asks a FerretDB that uses the postgresql handler to reach its database. FerretDB starts and listens even when
 * PostgreSQL is down or the database is missing, and would otherwise fail every request with a long trace.
 * The database is not created here: a typing error in the URL must stop the app, not open an empty database.
 */
export async function assertPostgresqlReady(ferretUri: string, postgresqlUrl: string): Promise<void> {
  const client = new MongoClient(ferretUri, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.db('admin').command({ ping: 1 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`FERRETDB_POSTGRESQL_URL=${redactUrl(postgresqlUrl)}: ${reason(message, new URL(postgresqlUrl))}`);
  } finally {
    await client.close();
  }
}
