-- Roles (decision 020): the staff role "teacher" becomes "admin"; "viewer" (report viewer) is new.
UPDATE "Membership" SET "role" = 'admin' WHERE "role" = 'teacher';
UPDATE "OrgInvite" SET "role" = 'admin' WHERE "role" = 'teacher';
