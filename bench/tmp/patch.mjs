const base = 'http://127.0.0.1:3999';
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-admin', password: 'bench-password-123' }) });
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const csrf = (await login.json()).csrfToken;
const ids = process.argv.slice(2).map(Number);
const ms = [];
for (const id of ids) { const r = await fetch(`${base}/api/milestones/${id}`, { headers: { cookie } }); ms.push({ id, version: (await r.json()).version }); }
let updates = 0, failures = 0; const SECONDS = 8; const until = performance.now() + SECONDS * 1000;
await Promise.all(Array.from({ length: 4 }, async (_, w) => {
  const mine = ms.filter((_, i) => i % 4 === w);
  for (let i = 0; performance.now() < until; i++) {
    const m = mine[i % mine.length];
    const res = await fetch(`${base}/api/milestones/${m.id}`, { method: 'PATCH', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ version: m.version, note: `bench ${i}` }) });
    if (res.ok) { m.version = (await res.json()).version; updates++; } else { failures++; console.log(res.status, await res.text()); }
  }
}));
console.log('updates/s', Math.round(updates / SECONDS), 'failures', failures);
