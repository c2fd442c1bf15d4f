/**
 * Takes the README's screenshots from the built app on a fresh demo database:
 * `pnpm build && pnpm --filter @lrt/web screenshots` (writes docs/screenshots/*.png).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, newPage, signIn, startApp } from './harness';

const OUT = resolve(fileURLToPath(new URL('../../../docs/screenshots', import.meta.url)));
const app = await startApp();
const browser = await launchBrowser();
try {
  const admin = await newPage(browser);
  await signIn(admin.page, app.baseUrl, 'admin@demo.example');
  await admin.page.waitForURL(/\/overview$/);
  await admin.page.getByRole('heading', { name: 'Progress by agency' }).waitFor();
  await admin.page.screenshot({ path: join(OUT, 'overview.png') });

  const lead = await newPage(browser);
  await signIn(lead.page, app.baseUrl, 'police@demo.example');
  await lead.page.waitForURL(/\/my-agency$/);
  await lead.page.getByRole('button', { name: /^Post an update on action / }).first().waitFor();
  await lead.page.screenshot({ path: join(OUT, 'my-agency.png') });

  const list = await (await lead.context.request.get(`${app.baseUrl}/api/actions?agencyId=1&status=in_progress&sort=-lastUpdateAt&limit=1`)).json();
  await lead.page.goto(`${app.baseUrl}/actions/${list.items[0].id}`);
  await lead.page.getByRole('heading', { name: 'Progress updates' }).waitFor();
  // The top of the page down to the first progress updates.
  await lead.page.screenshot({ path: join(OUT, 'action.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 2100 } });
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await app.stop();
}
