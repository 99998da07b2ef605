"""The care episode: screening and red flags, STarT Back, visits, discharge."""
