"""Reminders, organizer announcements, the broadcast outbox and its rate limiters."""
