/** Issue 19 item 7: the login page says who resets a forgotten password in this deployment (PASSWORD_HELP). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_HELP, loadConfig } from '../../server/config.ts';
import { createTestApp } from '../helpers/app.ts';

describe('GET /api/auth/login-help', () => {
  it('answers without a session, with the Japanese default', async () => {
    const t = await createTestApp();
    try {
      const res = await t.app.inject('/api/auth/login-help'); // no cookie: the login page asks before anyone signs in
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ passwordHelp: DEFAULT_PASSWORD_HELP });
      expect(DEFAULT_PASSWORD_HELP).toMatch(/パスワードを忘れた場合は.*再設定/);
    } finally {
      await t.close();
    }
  });

  it('says what the deployment set', async () => {
    const text = '情報政策課（内線1234）に連絡してください。';
    const t = await createTestApp({ passwordHelp: text });
    try {
      expect((await t.inject('/api/auth/login-help')).json()).toEqual({ passwordHelp: text });
    } finally {
      await t.close();
    }
  });
});

describe('PASSWORD_HELP', () => {
  it('defaults when unset or blank, is trimmed, and is refused above 500 characters', () => {
    expect(loadConfig({}).passwordHelp).toBe(DEFAULT_PASSWORD_HELP);
    expect(loadConfig({ PASSWORD_HELP: '   ' }).passwordHelp).toBe(DEFAULT_PASSWORD_HELP);
    expect(loadConfig({ PASSWORD_HELP: ' 情報政策課へ ' }).passwordHelp).toBe('情報政策課へ');
    expect(() => loadConfig({ PASSWORD_HELP: 'あ'.repeat(501) })).toThrow(/PASSWORD_HELP/);
  });
});
