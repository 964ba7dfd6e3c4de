"""Frontline Coach: role-play drills that coach frontline staff, scored against the brand's rubric."""
