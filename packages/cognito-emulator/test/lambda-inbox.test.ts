/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { contextOf } from '../src/start.js';
import { launchChromium, skipWithoutChromium } from './clients/chromium.js';
import { arnOf, preSignUpEvent } from './lambda-helpers.js';

describe.skipIf(skipWithoutChromium('lambda-inbox.test.ts'))(
  'the inbox page\u2019s Lambda invocations, in headless Chromium',
  () => {
    let emulator: RunningEmulator;
    let browser: Browser;
    beforeAll(async () => {
      emulator = await startEmulator({
        port: 0,
        lambdas: { echo: async (event) => event, refuse: () => Promise.reject(new Error('<b>closed</b>')) },
      });
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await emulator.stop();
    });

    it('adds new invocations at the top without a reload, as text', async () => {
      const invoke = (name: string, email: string) =>
        contextOf(emulator)
          .lambdas.invoke(arnOf(name), preSignUpEvent(undefined, email))
          .catch(() => undefined);
      await invoke('echo', 'first@example.com');
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${emulator.endpoint}/_emulator/inbox`);
      expect(await page.locator('#invocations-empty').isHidden()).toBe(true);
      expect(await page.locator('details.invocation .function').allTextContents()).toEqual([
        'echo (in-process)',
      ]);

      await invoke('refuse', '<i>second</i>@example.com');
      await page.waitForFunction(
        () => document.querySelectorAll('details.invocation').length === 2,
        undefined,
        {
          timeout: 10_000,
        },
      );
      const newest = page.locator('details.invocation').first();
      expect(await newest.locator('.failed').textContent()).toBe('UserLambdaValidationException');
      expect(await newest.locator('.result').textContent()).toBe(
        'PreSignUp failed with error <b>closed</b>.',
      );
      expect(await newest.locator('.event').textContent()).toContain('"email": "<i>second</i>@example.com"');
      expect(await page.locator('details.invocation b, details.invocation i').count()).toBe(0);
      expect(errors).toEqual([]);
    });
  },
);
