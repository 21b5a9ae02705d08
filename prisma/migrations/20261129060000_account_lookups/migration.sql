-- A second index led by app_id let the planner, with the statistics a fast-growing table has during a first
-- sync, look one person's account up through (app_id, state) and filter on user_id: every account of the app
-- read for each person. The unique (app_id, user_id) index serves every query by app as well.
DROP INDEX "accounts_app_id_state_idx";
