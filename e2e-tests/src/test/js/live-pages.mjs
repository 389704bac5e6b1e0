// Drives headless Chromium for LivePageBrowserIT: the test sends one JSON command per line on stdin and reads
// one JSON answer per line on stdout ({"ok":true,"value":…} or {"ok":false,"error":…}); page consoles and
// errors go to stderr. Each page gets its own browser context (its own storage), as two users would.
//
// Chromium: $CHROMIUM_PATH, else a system `chromium`, else the binary of the npm package @sparticuz/chromium.
import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const pages = [];
/** WebSockets each page opened (attempts included), to tell a reconnect from a socket that never closed. */
const sockets = [];
let browser;

async function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, args: [] };
  try {
    return { executablePath: execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim(), args: [] };
  } catch {
    const { default: packaged } = await import('@sparticuz/chromium');
    return { executablePath: await packaged.executablePath(), args: packaged.args };
  }
}

const commands = {
  async open({ url, count }) {
    const { executablePath, args } = await chromiumPath();
    browser ??= await chromium.launch({ executablePath, args, headless: true });
    for (let n = 0; n < count; n++) {
      const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
      const page = await context.newPage();
      const index = pages.length;
      page.on('console', (message) => console.error(`[page ${index}] ${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => console.error(`[page ${index}] error: ${error.message}`));
      sockets[index] = 0;
      page.on('websocket', () => { sockets[index]++; });
      await page.goto(url);
      // A reload would lose this: the test checks it is still there to know the page was never reloaded.
      await page.evaluate(() => { window.loadedOnce = true; });
      pages.push(page);
    }
    return { executablePath, version: browser.version() };
  },

  async awaitStatus({ page, pattern, timeoutMs }) {
    const regex = new RegExp(pattern);
    await pages[page].waitForFunction(
      (source) => new RegExp(source).test(document.getElementById('status').textContent),
      regex.source, { timeout: timeoutMs },
    );
    return pages[page].textContent('#status');
  },

  async status({ page }) {
    return pages[page].textContent('#status');
  },

  async add({ page, text }) {
    await pages[page].fill('#text', text);
    await pages[page].click('#add button');
    // The form clears its field once the REST API answered.
    await pages[page].waitForFunction(() => document.getElementById('text').value === '', null, { timeout: 30_000 });
    return null;
  },

  async awaitTask({ page, text, timeoutMs }) {
    await pages[page].waitForFunction(
      (wanted) => [...document.querySelectorAll('#tasks li span')].some((span) => span.textContent.trim() === wanted),
      text, { timeout: timeoutMs },
    );
    return null;
  },

  async tasks({ page }) {
    return pages[page].$$eval('#tasks li span', (spans) => spans.map((span) => span.textContent.trim()));
  },

  async websockets({ page }) {
    return sockets[page];
  },

  async neverReloaded({ page }) {
    return pages[page].evaluate(() => window.loadedOnce === true);
  },

  async screenshot({ page, path }) {
    await pages[page].screenshot({ path, fullPage: true });
    return path;
  },

  async close() {
    await browser?.close();
    browser = undefined;
    return null;
  },
};

const input = createInterface({ input: process.stdin });
for await (const line of input) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  let answer;
  try {
    const run = commands[command.cmd];
    if (!run) throw new Error(`unknown command ${command.cmd}`);
    answer = { ok: true, value: (await run(command)) ?? null };
  } catch (error) {
    answer = { ok: false, error: String(error?.stack ?? error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  if (command.cmd === 'close') break;
}
await browser?.close();
