"""Reminders: the devices that receive them and each patient's choices."""
