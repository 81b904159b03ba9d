-- A changed password (set, changed or reset) or a disabled / re-enabled account ends every session of the
-- user and forgets the browsers it trusted (server/auth/users.ts), whichever way the row was changed:
-- the API, npm run user:reset-password / user:disable / user:enable, or SQL by hand. A re-enabled account
-- therefore starts with no session: its old ones stay ended.
CREATE TRIGGER users_credentials_end_sessions AFTER UPDATE OF password_hash, disabled ON users
WHEN OLD.password_hash IS NOT NEW.password_hash OR OLD.disabled IS NOT NEW.disabled
BEGIN
  UPDATE sessions SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE user_id = NEW.id AND revoked_at IS NULL;
  DELETE FROM trusted_devices WHERE user_id = NEW.id;
END;
