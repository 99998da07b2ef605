"""Accounts: sign-in and sessions, staff accounts, patients and their invitations."""
