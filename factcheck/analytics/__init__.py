"""The analytics page: what the desk did per week, read from the milestones table."""
