-- 0028 a district's own settings, as typed columns rather than in the unused settings
-- document. The first: whether the projects an accepted matching run makes are disclosed
-- (公示) when their demand is (default yes: residents who see a demand see what is being done
-- about it). A district that discloses projects itself, after review, says no.

ALTER TABLE tenant ADD COLUMN projects_follow_disclosure boolean NOT NULL DEFAULT true;
