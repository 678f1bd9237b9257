-- A login is unique within its district (and among operators), not across the platform.
--
-- With one platform-wide UNIQUE, a district admin creating `admin.b` learned from "the login
-- is taken" that another district, or the platform, had it. Now a district's logins are
-- its own namespace: a clash can only be with an account the admin can already list.
ALTER TABLE account DROP CONSTRAINT account_login_key;
CREATE UNIQUE INDEX account_district_login ON account (tenant_id, login) WHERE tenant_id IS NOT NULL;
CREATE UNIQUE INDEX account_operator_login ON account (login) WHERE tenant_id IS NULL;
