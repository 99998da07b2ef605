"""Pure rules of the BetterBack model of care: stdlib only, no Flask, no database, no clock."""
