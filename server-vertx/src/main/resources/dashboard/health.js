// /healthz and /readyz as two badges: alive means the process serves HTTP, ready means the database
// is open and recovered. Neither needs a key.
import { ApiError, get } from './api.js';

export async function refreshHealth({ live, ready, detail }) {
  const [liveness, readiness] = await Promise.allSettled([get('/healthz'), get('/readyz')]);
  show(live, liveness, 'alive', 'down');
  show(ready, readiness, 'ready', 'not ready');
  const reason = readiness.status === 'rejected' ? readiness.reason : null;
  detail.textContent = reason instanceof ApiError ? `Not ready: ${reason.describe()}` : '';
}

function show(badge, result, good, bad) {
  const ok = result.status === 'fulfilled' && result.value?.status === good;
  badge.dataset.state = ok ? 'ok' : 'bad';
  badge.textContent = ok ? good : bad;
}
