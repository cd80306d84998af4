-- A class of rooms (issue 15) takes its code from the same registry as the rooms, so a class
-- code never collides with a room code; `kind` tells them apart ('game' or 'class'), so a
-- player who types a class code where a room code goes is sent to the class's join.
ALTER TABLE rooms ADD COLUMN kind TEXT NOT NULL DEFAULT 'game';
