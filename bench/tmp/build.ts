import { openDatabase } from '../../server/db/client.ts';
import { seedReference } from '../../seed/reference.ts';
import { generateNational } from '../../seed/national/generate.ts';
import { createUser } from '../../server/auth/users.ts';
const db = openDatabase(process.argv[2]!);
seedReference(db);
console.log(generateNational(db, { seed: 1, scale: 1 }));
await createUser(db, { username: 'bench-admin', role: 'admin', password: 'bench-password-123' });
db.$client.pragma('wal_checkpoint(TRUNCATE)');
