"""Training: the exercise program, the contract, the diary and the day plan (its stored state and cache)."""
