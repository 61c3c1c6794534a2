import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
const b = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
const c = await b.newContext({ permissions: ['microphone'], locale: 'en-US' });
await c.addInitScript(() => {
  const Real = window.RTCPeerConnection; const all = []; window.__pcs = all;
  window.RTCPeerConnection = function (...a) { const pc = new Real(...a); all.push(pc); return pc; };
  window.RTCPeerConnection.prototype = Real.prototype;
});
const p = await c.newPage();
await p.goto('http://127.0.0.1:5173/');
const form = p.getByRole('form', { name: 'Account' });
await form.getByLabel('Display name', { exact: true }).fill('Demo 1001');
await form.getByLabel('SIP user', { exact: true }).fill('1001');
await form.getByLabel('Password', { exact: true }).fill(process.env.PW ?? 'pw1001');
await form.getByRole('button', { name: 'Sign in' }).click();
await p.getByRole('status', { name: 'Registration' }).filter({ hasText: 'Registered' }).waitFor({ timeout: 20000 });
console.log('registered');
const field = p.getByLabel('Number or name', { exact: true });
await field.fill('2001'); await field.press('Enter');
await p.getByRole('region', { name: 'Calls' }).getByRole('listitem').filter({ hasText: 'In call' }).waitFor({ timeout: 20000 });
console.log('in call');
const stats = async () => p.evaluate(async () => {
  const out = [];
  for (const pc of window.__pcs) { if (pc.connectionState === 'closed') continue;
    const r = await pc.getStats(); r.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') out.push({ in: s.packetsReceived, level: s.audioLevel, energy: s.totalAudioEnergy }); if (s.type === 'outbound-rtp' && s.kind === 'audio') out.push({ out: s.packetsSent }); }); }
  return out; });
console.log(JSON.stringify(await stats()));
await p.waitForTimeout(3000);
console.log(JSON.stringify(await stats()));
await p.getByRole('button', { name: /Hang up/ }).first().click();
await p.waitForTimeout(500);
await b.close();
