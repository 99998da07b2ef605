"""Scheduled jobs, run by one separate scheduler process (`betterback scheduler`), each safe to run twice."""
