import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Counts every RTCPeerConnection a page makes, so the test can read their statistics. */
export const trackConnections = () => {
  const Original = window.RTCPeerConnection;
  const all: RTCPeerConnection[] = [];
  (window as unknown as { spejlConnections: RTCPeerConnection[] }).spejlConnections = all;
  window.RTCPeerConnection = class extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      all.push(this);
    }
  };
};

/** Inbound media on every open connection of the page: video frames decoded, audio packets received. */
export async function receivedMedia(page: Page): Promise<{ framesDecoded: number; audioPackets: number }> {
  return page.evaluate(async () => {
    let framesDecoded = 0;
    let audioPackets = 0;
    const all = (window as unknown as { spejlConnections: RTCPeerConnection[] }).spejlConnections ?? [];
    for (const pc of all) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((report) => {
        if (report.type !== 'inbound-rtp') return;
        if (report.kind === 'video') framesDecoded += report.framesDecoded ?? 0;
        if (report.kind === 'audio') audioPackets += report.packetsReceived ?? 0;
      });
    }
    return { framesDecoded, audioPackets };
  });
}

/** Waits until the page has decoded video and received audio, and keeps receiving (the numbers still grow). */
export async function expectMediaFlows(page: Page, label: string) {
  await expect
    .poll(() => receivedMedia(page), { timeout: 30_000, interval: 500, message: `${label} receives media` })
    .toSatisfy(
      (media: { framesDecoded: number; audioPackets: number }) =>
        media.framesDecoded > 20 && media.audioPackets > 20,
    );
  const before = await receivedMedia(page);
  await page.waitForTimeout(1500);
  const after = await receivedMedia(page);
  expect(after.framesDecoded, `${label} keeps decoding video`).toBeGreaterThan(before.framesDecoded);
  expect(after.audioPackets, `${label} keeps receiving audio`).toBeGreaterThan(before.audioPackets);
}
