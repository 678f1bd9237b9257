-- 0027 a demand starts on the rung of the ladder where it arises: one filed at a community
-- (or village) is the community's from the start, one filed at a street or town the street's,
-- not the grid's. Until now every demand started at 'grid', so a community's own demand
-- was on no desk of the community's and, resolved there without escalation, was counted as
-- settled at the grid.
--
-- Mirrors Registry.OrgUnitKind.startingLevel (a test keeps them equal). Demands filed before
-- keep the level they had: that was their recorded history.

CREATE FUNCTION org_unit_starting_level(kind text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE kind
        WHEN 'street' THEN 'street' WHEN 'town' THEN 'street'
        WHEN 'community' THEN 'community' WHEN 'village' THEN 'community'
        ELSE 'grid'
    END
$$;
GRANT EXECUTE ON FUNCTION org_unit_starting_level(text) TO govreg_app;
