"""Messages: one thread per patient with their therapist."""
