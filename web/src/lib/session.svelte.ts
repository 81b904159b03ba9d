// The signed-in user (GET /api/auth/me): who they are, their CSRF token and what the UI may offer.
//
// `session.status` is 'unknown' until the first /api/auth/me answer, then 'signed-in' or
// 'signed-out'. Any 401 from the API (the session expired or was revoked) turns it to 'signed-out':
// App then shows the login page in place of the requested page, and after login the same URL renders
// again. The server decides every request; `permissions` only hide what would be refused.

import { ApiError, api, configureApi } from './api.ts';
import type { Me, Permissions } from './types.ts';

export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out';

export class Session {
  status = $state<SessionStatus>('unknown');
  me = $state.raw<Me | null>(null);
  /** Set when the server could not be reached while checking the session (shown with a retry). */
  error = $state.raw<ApiError | null>(null);
  /** True when the session ended while the user was working (the login page says so). */
  expired = $state(false);

  user = $derived(this.me?.user ?? null);
  permissions = $derived<Permissions | null>(this.me?.permissions ?? null);
  csrfToken = $derived(this.me?.csrfToken ?? null);

  /** The body a user belongs to when they may read only that one (hq, officer, viewer). */
  homeBodyId = $derived(this.me?.permissions.readScope.kind === 'body' ? (this.me.permissions.readScope.bodyId ?? null) : null);

  constructor() {
    configureApi({
      csrfToken: () => this.me?.csrfToken ?? null,
      onUnauthorized: () => this.#signedOut(true),
    });
  }

  #signedOut(expired: boolean): void {
    if (this.status === 'signed-in' && expired) this.expired = true;
    this.me = null;
    this.status = 'signed-out';
  }

  /** Ask the server who is signed in (on start-up, and from the retry button). */
  refresh = async (): Promise<void> => {
    this.error = null;
    try {
      this.me = await api('GET /auth/me');
      this.status = 'signed-in';
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.#signedOut(false);
      } else {
        // Server unreachable: App shows the message with 「再読み込み」 (status stays as it was).
        this.error = error instanceof ApiError ? error : new ApiError(0, 'CLIENT_ERROR', '画面の表示中にエラーが発生しました');
      }
    }
  };

  /** Throws ApiError with the server's Japanese message (wrong credentials, throttled …). */
  async login(username: string, password: string): Promise<void> {
    const me = await api('POST /auth/login', { body: { username, password } });
    this.error = null;
    this.expired = false;
    this.me = me;
    this.status = 'signed-in';
  }

  async logout(): Promise<void> {
    try {
      await api('POST /auth/logout');
    } catch (error) {
      // Already signed out on the server (401) or unreachable: forget the session here anyway.
      if (!(error instanceof ApiError)) throw error;
    }
    this.expired = false;
    this.#signedOut(false);
  }

  /** Whether the user may update progress of an item owned by `sectionId` in `bodyId`. */
  canEditProgress(bodyId: number | null, sectionId: number): boolean {
    const me = this.me;
    if (!me || !me.permissions.editProgress) return false;
    if (me.user.role === 'admin') return true;
    if (bodyId !== null && me.body?.id !== bodyId) return false;
    const ids = me.permissions.editableSectionIds;
    return ids === null || ids.includes(sectionId);
  }

  /** 今期の更新 of `bodyId` (hq and officers of the body, admin). */
  canUseMyUpdates(bodyId: number): boolean {
    const me = this.me;
    if (!me?.permissions.useMyUpdates) return false;
    return me.user.role === 'admin' || me.body?.id === bodyId;
  }

  /**
   * Excelで一括更新 of `bodyId`: users who may write to the body (hq and officers of the body, admin).
   * The server checks every row against the user's role and sections.
   */
  canImport(bodyId: number): boolean {
    const me = this.me;
    if (!me?.permissions.editProgress) return false;
    return me.user.role === 'admin' || me.body?.id === bodyId;
  }

  /** The body's 変更履歴 log and 報告状況 (hq of the body, admin). */
  canViewBodyAudit(bodyId: number): boolean {
    const me = this.me;
    if (!me?.permissions.viewAuditLog) return false;
    return me.user.role === 'admin' || me.body?.id === bodyId;
  }

  /** 四半期の締め・締めの解除・対応方針 of `bodyId` (hq of the body, admin). */
  canManageQuarters(bodyId: number): boolean {
    const me = this.me;
    if (!me?.permissions.managePlan) return false;
    return me.user.role === 'admin' || me.body?.id === bodyId;
  }

  /** 計画変更（予定日の変更）and 計画改定（基準計画の設定）of `bodyId` (hq of the body, admin). */
  canReplan(bodyId: number): boolean {
    return this.canManageQuarters(bodyId);
  }

  /** ログイン記録 of a body's users: hq of the body, admin (GET /api/bodies/:id/login-log). */
  canViewLoginLog(bodyId: number): boolean {
    const me = this.me;
    if (!me) return false;
    return me.user.role === 'admin' || (me.user.role === 'hq' && me.body?.id === bodyId);
  }

  /** アカウント管理 of a body (hq of the body: its officers and viewers; admin). */
  canManageBodyAccounts(bodyId: number): boolean {
    const me = this.me;
    if (!me) return false;
    return me.user.role === 'admin' || (me.user.role === 'hq' && me.body?.id === bodyId);
  }

  /** /accounts: every account (admin) or the own prefecture's accounts (prefecture users). */
  get canManageAccounts(): boolean {
    const role = this.me?.user.role;
    return role === 'admin' || role === 'prefecture';
  }

  /** Signed in with a one-time password (made or reset by someone else): only the change is allowed. */
  get mustChangePassword(): boolean {
    return this.me?.user.mustChangePassword ?? false;
  }

  /** Every login record (GET /api/login-log): admin only. */
  get canViewAllLoginLog(): boolean {
    return this.me?.user.role === 'admin';
  }

  /**
   * Changes the password: the server ends every session of the user and answers with this browser's new
   * one (new CSRF token). Throws ApiError with the server's message (and the field in fieldErrors).
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    this.me = await api('POST /auth/password', { body: { currentPassword, newPassword } });
    this.status = 'signed-in';
  }

  /** Load, check and roll back the national data pack (国の参照データ): administrators. */
  get canManageReference(): boolean {
    return this.me?.user.role === 'admin';
  }

  /** 全国の状況 (GET /api/rollups/national: admin only, as server/auth/rules.ts says). */
  get canReadNational(): boolean {
    return this.me?.user.role === 'admin';
  }

  /** The prefecture a prefecture user reads (code and name), else null. */
  get ownPrefecture(): { code: string; name: string } | null {
    const me = this.me;
    const code = me?.permissions.readScope.kind === 'prefecture' ? me.permissions.readScope.prefectureCode : null;
    if (!me || code === null) return null;
    return { code, name: me.prefecture?.name ?? `都道府県（${code}）` };
  }

  /** 都道府県の状況 of `prefectureCode` (admin, users of that prefecture). */
  canReadPrefecture(prefectureCode: string): boolean {
    if (this.canReadNational) return true;
    return this.ownPrefecture?.code === prefectureCode;
  }

  /** Whether a body of `prefectureCode` may be read (its pages and peers). */
  canReadBody(bodyId: number, prefectureCode: string): boolean {
    const scope = this.me?.permissions.readScope;
    if (!scope) return false;
    if (scope.kind === 'all') return true;
    if (scope.kind === 'prefecture') return scope.prefectureCode === prefectureCode;
    return scope.bodyId === bodyId;
  }

  canViewReportingStatus(bodyId: number): boolean {
    const me = this.me;
    if (!me?.permissions.viewReportingStatus) return false;
    return me.user.role === 'admin' || me.body?.id === bodyId;
  }
}

export const session = new Session();
