"""Privacy: the access log, the patient's export, closing accounts and retention."""
