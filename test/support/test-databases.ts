import { MongoClient } from 'mongodb';

/** Drops every test database on `uri`: the workers of a parallel run end without a hook to drop their own. */
export async function dropTestDatabases(uri: string): Promise<void> {
  const client = await MongoClient.connect(uri);
  try {
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    await Promise.all(databases.filter((d) => d.name.startsWith('test_')).map((d) => client.db(d.name).dropDatabase()));
  } finally {
    await client.close();
  }
}
